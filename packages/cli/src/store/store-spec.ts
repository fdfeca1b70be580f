import path from "node:path";
import { InvalidArgumentError } from "commander";

export type StoreSpec =
  | { readonly kind: "sqlite"; readonly path: string; readonly isDefault: boolean }
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "eventstoredb"; readonly url: string };

/** `--store` values: `sqlite:PATH`, `postgres://…` (or `postgresql://…`), `esdb://…` (or `esdb+discover://…`). */
export function parseStoreSpec(value: string): StoreSpec {
  if (value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length);
    if (file.trim() === "") throw new InvalidArgumentError("sqlite: needs a file path, e.g. sqlite:./ledger.sqlite");
    return { kind: "sqlite", path: path.resolve(file), isDefault: false };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  if (/^esdb(\+discover)?:\/\//.test(value)) return { kind: "eventstoredb", url: value };
  throw new InvalidArgumentError("Expected sqlite:PATH, postgres://… or esdb://…");
}

export function defaultStoreSpec(home: string): StoreSpec {
  return { kind: "sqlite", path: path.join(home, "ledger.sqlite"), isDefault: true };
}

/** The spec as shown to users, without any password in a URL. */
export function describeStore(spec: StoreSpec): string {
  if (spec.kind === "sqlite") return `sqlite:${spec.path}`;
  try {
    const url = new URL(spec.url);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return spec.kind;
  }
}
