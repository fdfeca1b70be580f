import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { VaultError } from "./vault-error.js";

export interface LockOptions {
  /** How long to wait for another process's lock before failing (default 10 s). */
  readonly timeoutMs?: number;
  /** A lock file with no owner written in it yet is considered abandoned after this long (default 5 s). */
  readonly unnamedStaleMs?: number;
}

/**
 * Runs `action` while holding `lockFile`, an exclusively created file naming the owning process. Processes that
 * share a vault file take turns for each read-change-write, so none loses another's entries. A lock whose owner is
 * no longer running (killed mid-write) is removed; this assumes the processes share one host, as a CLI home does.
 */
export async function withFileLock<T>(lockFile: string, action: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let pause = 5;
  for (;;) {
    const fd = tryCreate(lockFile);
    if (fd !== undefined) {
      try {
        writeFileSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      try {
        return await action();
      } finally {
        rmSync(lockFile, { force: true });
      }
    }
    if (isAbandoned(lockFile, options.unnamedStaleMs ?? 5_000)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new VaultError("vault-locked", `The vault is locked by another process (${lockFile}); try again, or remove the file if no cloud-ledger process is running.`);
    }
    await sleep(pause + Math.random() * pause);
    pause = Math.min(pause * 2, 100);
  }
}

function tryCreate(lockFile: string): number | undefined {
  try {
    return openSync(lockFile, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
}

function isAbandoned(lockFile: string, unnamedStaleMs: number): boolean {
  let owner: string;
  let modified: number;
  try {
    owner = readFileSync(lockFile, "utf8").trim();
    modified = statSync(lockFile).mtimeMs;
  } catch {
    return false; // released meanwhile: the next attempt takes it
  }
  const pid = Number(owner);
  if (owner === "" || !Number.isSafeInteger(pid) || pid <= 0) return Date.now() - modified > unnamedStaleMs;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
