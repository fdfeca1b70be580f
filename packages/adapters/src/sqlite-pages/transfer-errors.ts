import { CorruptEventError } from "@cloud-ledger/domain";
import { SchemaTooNewError } from "../sqlite/index.js";

type Field = string | number | boolean | null;

/** An error as it crosses from the page worker to the main thread: its name, message, stack and plain fields. */
export interface TransferredError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields: Readonly<Record<string, Field>>;
}

function isField(value: unknown): value is Field {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Keeps the own primitive fields (streamName, version, reason, code, path, ...) and drops anything else. */
export function toTransferredError(error: unknown): TransferredError {
  if (!(error instanceof Error)) return { name: "Error", message: `sqlite page worker failed: ${String(error)}`, fields: {} };
  const fields: Record<string, Field> = {};
  for (const [key, value] of Object.entries(error)) if (key !== "name" && key !== "message" && isField(value)) fields[key] = value;
  return { name: error.name, message: error.message, fields, ...(error.stack === undefined ? {} : { stack: error.stack }) };
}

function text(fields: TransferredError["fields"], key: string): string | undefined {
  const value = fields[key];
  return typeof value === "string" ? value : undefined;
}

function count(fields: TransferredError["fields"], key: string): number | undefined {
  const value = fields[key];
  return typeof value === "number" ? value : undefined;
}

/** The library's own classes, rebuilt from their fields so `instanceof` works on the main thread. */
function rebuildKnown(sent: TransferredError): Error | undefined {
  const f = sent.fields;
  switch (sent.name) {
    case "CorruptEventError": {
      const streamName = text(f, "streamName");
      const version = count(f, "version");
      const reason = text(f, "reason");
      return streamName === undefined || version === undefined || reason === undefined ? undefined : new CorruptEventError(streamName, version, reason);
    }
    case "SchemaTooNewError": {
      const component = text(f, "component");
      const found = count(f, "found");
      const known = count(f, "known");
      return component === undefined || found === undefined || known === undefined ? undefined : new SchemaTooNewError(component, found, known);
    }
    case "RangeError":
      return new RangeError(sent.message);
    case "TypeError":
      return new TypeError(sent.message);
    default:
      return undefined;
  }
}

/**
 * The main thread's copy of a worker error: same name, message and fields. Known classes come back as themselves;
 * anything else (a driver's SqliteError, a missing file's ENOENT) as an Error carrying that name and its fields.
 * The stack is the worker's, where the error happened.
 */
export function rebuildError(sent: TransferredError): Error {
  let error = rebuildKnown(sent);
  if (error === undefined || error.message !== sent.message) {
    error = new Error(sent.message);
    Object.defineProperty(error, "name", { value: sent.name, writable: true, configurable: true, enumerable: false });
    Object.assign(error, sent.fields);
  }
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}
