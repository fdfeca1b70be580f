import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import type { ManifestError } from "./types.js";
import { formatYamlPath, keyText, type YamlPath } from "./yaml-path.js";

/** Where a node sits: which file, which path inside it. */
export interface Location {
  readonly file: string;
  readonly path: YamlPath;
}

export function at(location: Location, ...segments: (string | number)[]): Location {
  return { file: location.file, path: [...location.path, ...segments] };
}

/** Reads typed values out of YAML nodes, resolving aliases and `<<` merges and recording located errors. */
export class YamlReader {
  readonly errors: ManifestError[] = [];

  constructor(private readonly doc: Document) {}

  report(location: Location, message: string): void {
    this.errors.push({ file: location.file, path: formatYamlPath(location.path), message });
  }

  /** Follows aliases; `undefined` for a missing node, `null` for an explicit YAML null. */
  resolve(node: unknown): Node | null | undefined {
    let current: unknown = node;
    for (let hops = 0; isAlias(current) && hops < 100; hops += 1) current = current.resolve(this.doc);
    if (current === undefined) return undefined;
    if (current === null || (isScalar(current) && current.value === null)) return null;
    return isMap(current) || isSeq(current) || isScalar(current) ? current : undefined;
  }

  /** A mapping's entries by key; keys written explicitly win over `<<` merged ones, as in YAML 1.1. */
  fields(node: unknown, depth = 0): Map<string, unknown> | undefined {
    const map = this.resolve(node);
    // The depth bound stops a self-referencing merge (`a: &a { <<: *a }`) from recursing for ever.
    if (!isMap(map) || depth > 20) return undefined;
    const explicit = new Map<string, unknown>();
    const merged = new Map<string, unknown>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && typeof pair.key.value === "symbol") {
        const sources = this.resolve(pair.value);
        for (const source of isSeq(sources) ? sources.items : [sources]) {
          for (const [key, value] of this.fields(source, depth + 1) ?? []) if (!merged.has(key)) merged.set(key, value);
        }
      } else {
        explicit.set(keyText(pair.key), pair.value);
      }
    }
    for (const [key, value] of merged) if (!explicit.has(key)) explicit.set(key, value);
    return explicit;
  }

  /** A sequence's items, or `undefined` when the node is not a sequence. */
  items(node: unknown): readonly unknown[] | undefined {
    const seq = this.resolve(node);
    return isSeq(seq) ? seq.items : undefined;
  }

  /**
   * A scalar as the text it was written with when it is not a string (`name: 0010` → "0010", `tag: 1.10` →
   * "1.10"), so numbers, booleans and dates used as names keep their spelling. `undefined` for non-scalars.
   */
  text(node: unknown): string | null | undefined {
    const scalar = this.resolve(node);
    if (scalar === null) return null;
    if (!isScalar(scalar)) return undefined;
    if (typeof scalar.value === "string") return scalar.value;
    if (typeof scalar.source === "string") return scalar.source;
    if (typeof scalar.value === "number" || typeof scalar.value === "boolean" || typeof scalar.value === "bigint") {
      return String(scalar.value);
    }
    return undefined;
  }

  /** A required string field; reports and returns `undefined` when missing, null or not a scalar. */
  requiredText(fields: Map<string, unknown>, key: string, location: Location, what: string): string | undefined {
    const value = fields.get(key);
    const text = value === undefined ? undefined : this.text(value);
    if (typeof text === "string" && text !== "") return text;
    this.report(at(location, key), `${what} has no ${key}: expected a string, got ${this.describe(value)}`);
    return undefined;
  }

  /** An optional string field; reports a non-scalar. */
  optionalText(fields: Map<string, unknown>, key: string, location: Location): string | undefined {
    const value = fields.get(key);
    if (value === undefined) return undefined;
    const text = this.text(value);
    if (text === null) return undefined;
    if (text !== undefined) return text;
    this.report(at(location, key), `Expected a string at ${key}, got ${this.describe(value)}`);
    return undefined;
  }

  /** How a value looks in an error message: scalars quoted as written, collections by kind. */
  describe(node: unknown): string {
    if (node === undefined) return "nothing";
    const resolved = this.resolve(node);
    if (resolved === null) return "null";
    if (isMap(resolved)) return `a mapping ${this.preview(resolved)}`;
    if (isSeq(resolved)) return `a list ${this.preview(resolved)}`;
    const text = this.text(resolved);
    return text === undefined || text === null ? "an unreadable value" : `'${text}'`;
  }

  private preview(node: Node): string {
    try {
      const json = JSON.stringify(node.toJS(this.doc)) ?? "";
      return json.length > 80 ? `${json.slice(0, 77)}...` : json;
    } catch {
      return "";
    }
  }
}
