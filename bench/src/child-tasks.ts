import { soakTask } from "./soak/soak-task.js";
import { projectTask, readTask, replayTask, verifyTask } from "./workloads/log-tasks.js";
import { sqliteWriterTask } from "./workloads/sqlite-processes.js";

/** The tasks a bench child process can run, by name. Each takes JSON input and returns a JSON result. */
export type ChildTask = (input: unknown) => Promise<unknown>;

export const childTasks: Readonly<Record<string, ChildTask>> = {
  /** Does nothing: its peak RSS is the Node + tsx baseline the other tasks' figures include. */
  baseline: () => Promise.resolve({ done: true }),
  replay: replayTask,
  read: readTask,
  project: projectTask,
  verify: verifyTask,
  soak: soakTask,
  "sqlite-writer": sqliteWriterTask,
};
