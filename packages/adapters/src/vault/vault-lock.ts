import { randomBytes } from "node:crypto";
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { VaultError } from "./vault-error.js";

export interface LockOptions {
  /** How long to wait for another process's lock before failing (default 10 s). */
  readonly timeoutMs?: number;
  /** A lock file with no owner written in it yet is considered abandoned after this long (default 5 s). */
  readonly unnamedStaleMs?: number;
}

/**
 * Runs `action` while holding `lockFile`, an exclusively created file naming the owning process (pid and a random
 * token). Processes sharing a vault file take turns for each read-change-write, so none loses another's entries. A
 * lock whose owner no longer runs (killed mid-write) is taken over; this assumes the processes share one host, as a
 * CLI home does (a pid means nothing on another machine).
 */
export async function withFileLock<T>(lockFile: string, action: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const token = `${process.pid} ${randomBytes(8).toString("hex")}`;
  let pause = 5;
  for (;;) {
    if (tryCreate(lockFile, token)) {
      try {
        return await action();
      } finally {
        release(lockFile, token);
      }
    }
    const owner = abandonedOwner(lockFile, options.unnamedStaleMs ?? 5_000);
    if (owner !== undefined) {
      breakLock(lockFile, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new VaultError(
        "vault-locked",
        `The vault is locked by another process (${lockFile}); try again, or remove the file if no cloud-ledger process is running.`,
      );
    }
    await sleep(pause + Math.random() * pause);
    pause = Math.min(pause * 2, 100);
  }
}

function tryCreate(lockFile: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeFileSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Removes the lock only if it is still ours (it was not taken over as abandoned meanwhile). */
function release(lockFile: string, token: string): void {
  if (readOwner(lockFile) === token) rmSync(lockFile, { force: true });
}

/** The lock's contents when its owner is gone (or never wrote itself in, long ago); undefined while it may run. */
function abandonedOwner(lockFile: string, unnamedStaleMs: number): string | undefined {
  const owner = readOwner(lockFile);
  if (owner === undefined) return undefined; // released meanwhile: the next attempt takes it
  if (owner === "") {
    let modified: number;
    try {
      modified = statSync(lockFile).mtimeMs;
    } catch {
      return undefined;
    }
    return Date.now() - modified > unnamedStaleMs ? owner : undefined;
  }
  const pid = Number(owner.split(" ")[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return owner;
  if (pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return undefined;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH" ? owner : undefined;
  }
}

/**
 * Moves the abandoned lock aside (only one process can), and checks that what it moved is the abandoned lock; if a
 * live process had replaced it in between, puts that lock back.
 */
function breakLock(lockFile: string, abandoned: string): void {
  const aside = `${lockFile}.${process.pid}.${randomBytes(6).toString("hex")}.stale`;
  try {
    renameSync(lockFile, aside);
  } catch {
    return; // another process moved or released it first
  }
  if (readOwner(aside) !== abandoned) {
    try {
      linkSync(aside, lockFile);
    } catch {
      // A new lock exists already: its owner goes first.
    }
  }
  rmSync(aside, { force: true });
}
