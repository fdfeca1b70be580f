/** One measured figure. `value` is a rate (per second) unless `unit` says otherwise. */
export interface Row {
  readonly workload: string;
  readonly store: string;
  readonly variant: string;
  readonly value: number;
  readonly unit: string;
  /** Per-run values behind a median, when there were several runs. */
  readonly runs?: readonly number[];
  readonly note?: string;
}

export interface Skip {
  readonly workload: string;
  readonly store: string;
  readonly reason: string;
}

export interface Target {
  readonly name: string;
  /** measured / threshold for "at least" targets, threshold / measured for "under" targets: >= 1 means PASS. */
  readonly ratio: number;
  readonly measured: string;
  readonly threshold: string;
  readonly pass: boolean;
}

/** Collects rows as workloads finish, so a failing workload still leaves the others' figures. */
export class Report {
  readonly rows: Row[] = [];
  readonly skips: Skip[] = [];
  readonly targets: Target[] = [];
  readonly extras: Record<string, unknown> = {};

  add(row: Row): Row {
    this.rows.push(row);
    console.log(
      `  ${row.workload} · ${row.store} · ${row.variant}: ${formatValue(row.value, row.unit)}${row.note ? `  (${row.note})` : ""}`,
    );
    return row;
  }

  skip(skip: Skip): void {
    this.skips.push(skip);
    console.log(`  SKIPPED ${skip.workload} · ${skip.store}: ${skip.reason}`);
  }

  find(workload: string, store: string, variant: string): Row | undefined {
    return this.rows.find((r) => r.workload === workload && r.store === store && r.variant === variant);
  }

  /** A target of the form "measured >= threshold" (or "<" when `under`), kept as a ratio. */
  target(name: string, measured: number, threshold: number, unit: string, under = false): void {
    const ratio = under ? threshold / measured : measured / threshold;
    this.targets.push({
      name,
      ratio,
      measured: formatValue(measured, unit),
      threshold: `${under ? "<" : ">="} ${formatValue(threshold, unit)}`,
      pass: under ? measured < threshold : measured >= threshold,
    });
  }
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${String(value)} ${unit}`;
  if (unit === "bytes") return `${(value / 2 ** 20).toFixed(0)} MiB`;
  if (unit === "ratio") return `${value.toFixed(2)}x`;
  if (unit === "ns/event") return `${(value / 1000).toFixed(2)} µs/event`;
  const abs = Math.abs(value);
  const text =
    abs >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : abs >= 1e4 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(abs >= 100 ? 0 : 2);
  return `${text} ${unit}`.replace("  ", " ");
}

function table(headers: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

export function renderReport(report: Report): string {
  const parts = [
    table(
      ["workload", "store", "variant", "median", "note"],
      report.rows.map((r) => [r.workload, r.store, r.variant, formatValue(r.value, r.unit), r.note ?? ""]),
    ),
  ];
  if (report.skips.length > 0) {
    parts.push(
      table(
        ["skipped", "store", "why"],
        report.skips.map((s) => [s.workload, s.store, s.reason]),
      ),
    );
  }
  if (report.targets.length > 0) {
    parts.push(
      table(
        ["target", "measured", "needed", "ratio", "verdict"],
        report.targets.map((t) => [t.name, t.measured, t.threshold, `${t.ratio.toFixed(2)}`, t.pass ? "PASS" : "MISS"]),
      ),
    );
  }
  return parts.join("\n\n");
}
