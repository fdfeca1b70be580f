import { childTasks } from "./child-tasks.js";

/**
 * Entry point of a bench child process (see harness/child.ts): runs one task, sends its result and the process's
 * peak RSS to the parent, and exits.
 */
async function main(): Promise<void> {
  const [name, rawInput] = process.argv.slice(2);
  const task = name === undefined ? undefined : childTasks[name];
  if (task === undefined) throw new Error(`unknown bench child task '${String(name)}'`);
  const result = await task(JSON.parse(rawInput ?? "null") as unknown);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  await new Promise<void>((resolve) => process.send?.({ ok: true, result, peakRssBytes }, () => resolve()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.send?.({ ok: false, error: message }, () => process.exit(1));
  },
);
