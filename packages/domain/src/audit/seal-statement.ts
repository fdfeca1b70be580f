import { left, right, type Either } from "fp-ts/lib/Either.js";
import { canonicalJson } from "../integrity/canonical-json.js";
import type { LedgerHead } from "./ledger-head.js";

export const SEAL_FORMAT = "cloud-ledger-seal/1";

/** A ledger head as an operator sealed it, at a time their clock gave. */
export interface SealStatement extends LedgerHead {
  readonly format: typeof SEAL_FORMAT;
  readonly sealedAt: string;
}

/** A statement and its signature (base64) by the operator's key; the bytes signed are `sealStatementText`. */
export interface SealFile {
  readonly statement: SealStatement;
  readonly signature: string;
}

export function sealStatementOf(head: LedgerHead, sealedAt: string): SealStatement {
  const { position, events, streams, tipsDigest } = head;
  return { format: SEAL_FORMAT, position, events, streams, tipsDigest, sealedAt };
}

/** The exact text that is signed and verified: canonical JSON, so any re-serialisation of the file verifies the same. */
export function sealStatementText(statement: SealStatement): string {
  return canonicalJson(statement);
}

const count = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/** Reads a seal file's JSON text; says what is wrong with it otherwise. */
export function parseSealFile(text: string): Either<string, SealFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return left(`the seal is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const file = parsed as { statement?: Record<string, unknown>; signature?: unknown } | null;
  const statement = file?.statement;
  if (typeof statement !== "object" || statement === null) return left("the seal has no statement");
  if (typeof file?.signature !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(file.signature))
    return left("the seal's signature is not base64");
  if (statement.format !== SEAL_FORMAT) return left(`the seal's format is not ${SEAL_FORMAT}`);
  for (const field of ["position", "events", "streams"] as const) {
    if (!count(statement[field])) return left(`the seal's ${field} is not a whole number`);
  }
  if (typeof statement.tipsDigest !== "string" || !/^[0-9a-f]{64}$/.test(statement.tipsDigest))
    return left("the seal's tipsDigest is not a SHA-256 hex digest");
  if (typeof statement.sealedAt !== "string" || Number.isNaN(Date.parse(statement.sealedAt)))
    return left("the seal's sealedAt is not a time");
  const { position, events, streams, tipsDigest, sealedAt } = statement as unknown as SealStatement;
  return right({ statement: { format: SEAL_FORMAT, position, events, streams, tipsDigest, sealedAt }, signature: file.signature });
}
