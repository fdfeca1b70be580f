import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A GitHub identity recorded by `login`: the numeric user id is the stable key, the login is what people type. */
export interface Identity {
  readonly githubUserId: string;
  readonly login: string;
}

/** Selections remembered per machine, like the Meltano Cloud CLI's `organizations_defaults`. */
export interface Defaults {
  readonly organization?: string;
  /** organization → default project name */
  readonly projects?: Readonly<Record<string, string>>;
  /** `organization/project` → default deployment name */
  readonly deployments?: Readonly<Record<string, string>>;
}

export interface Session {
  readonly version: 1;
  /** The login of the signed-in user, absent after logout. */
  readonly current?: string;
  /** Every identity ever recorded here, by login, so `--as <login>` can act as any of them. */
  readonly identities: Readonly<Record<string, Identity>>;
  readonly defaults: Defaults;
}

const EMPTY: Session = { version: 1, identities: {}, defaults: {} };

export function sessionPath(home: string): string {
  return path.join(home, "session.json");
}

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.version === 1 &&
    typeof candidate.identities === "object" &&
    candidate.identities !== null &&
    typeof candidate.defaults === "object" &&
    candidate.defaults !== null
  );
}

/** Reads the session; a missing file is an empty session, an unreadable one an error naming the file. */
export function readSession(home: string): Session {
  const file = sessionPath(home);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return EMPTY;
    throw new Error(`Cannot read the session file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The session file ${file} is not valid JSON; delete it and log in again.`);
  }
  if (!isSession(parsed)) throw new Error(`The session file ${file} is not a cloud-ledger session; delete it and log in again.`);
  return parsed;
}

/** Writes atomically (temp file + rename) and owner-only, as the session names who acts. */
export function writeSession(home: string, session: Session): void {
  mkdirSync(home, { recursive: true });
  const file = sessionPath(home);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
