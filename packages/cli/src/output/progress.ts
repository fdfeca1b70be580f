import cliProgress from "cli-progress";

/** Reports how far a long operation (replay, import, export, verify) has come. */
export interface Progress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/**
 * A bar with rate and ETA on stderr, only when stderr is a terminal and the output is not JSON: pipes, logs and
 * machine-readable runs stay quiet.
 */
export function createProgress(label: string, options: { readonly json: boolean; readonly stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.json || stream.isTTY !== true) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = Date.now();
  const rate = (done: number): string => {
    const seconds = (Date.now() - startedAt) / 1000;
    return seconds <= 0 ? "-" : Math.round(done / seconds).toLocaleString("en-US");
  };
  return {
    start: (total) => bar.start(total, 0, { rate: "-" }),
    update: (done) => bar.update(done, { rate: rate(done) }),
    stop: () => bar.stop(),
  };
}
