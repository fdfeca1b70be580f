import { parseArgs } from "node:util";

export interface BenchArgs {
  readonly quick: boolean;
  readonly soak: boolean;
  /** Soak duration. */
  readonly minutes: number;
  /** Only these workload groups (comma-separated on the command line); all when empty. */
  readonly only: readonly string[];
  /** Only these stores (comma-separated) in the workloads that run on several; all when empty. */
  readonly stores: readonly string[];
  /** Run the log workloads' child processes with `--cpu-prof` into bench/profiles/. */
  readonly profile: boolean;
  readonly out: string | undefined;
}

export const WORKLOAD_GROUPS = ["limits", "appends", "commands", "replay", "cli", "reads"] as const;
export const STORES = ["memory", "sqlite", "postgres"] as const;

export class BenchArgsError extends Error {
  override readonly name = "BenchArgsError";
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  // `pnpm bench -- --quick` forwards a literal "--"; drop it so both spellings work.
  const args = argv.filter((a) => a !== "--");
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        quick: { type: "boolean", default: false },
        soak: { type: "boolean", default: false },
        minutes: { type: "string", default: "5" },
        only: { type: "string", default: "" },
        stores: { type: "string", default: "" },
        profile: { type: "boolean", default: false },
        out: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new BenchArgsError(error instanceof Error ? error.message : String(error));
  }
  const minutes = Number(parsed.values.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new BenchArgsError(`--minutes must be a positive number, got '${parsed.values.minutes}'`);
  }
  const only = parsed.values.only === "" ? [] : parsed.values.only.split(",").map((s) => s.trim());
  const unknown = only.filter((g) => !(WORKLOAD_GROUPS as readonly string[]).includes(g));
  if (unknown.length > 0) {
    throw new BenchArgsError(`--only: unknown workload group(s) ${unknown.join(", ")}; known: ${WORKLOAD_GROUPS.join(", ")}`);
  }
  const stores = parsed.values.stores === "" ? [] : parsed.values.stores.split(",").map((s) => s.trim());
  const unknownStores = stores.filter((s) => !(STORES as readonly string[]).includes(s));
  if (unknownStores.length > 0) {
    throw new BenchArgsError(`--stores: unknown store(s) ${unknownStores.join(", ")}; known: ${STORES.join(", ")}`);
  }
  return {
    quick: parsed.values.quick,
    stores,
    soak: parsed.values.soak,
    minutes,
    only,
    profile: parsed.values.profile,
    out: parsed.values.out,
  };
}
