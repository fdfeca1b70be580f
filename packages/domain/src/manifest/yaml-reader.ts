import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type YAMLMap } from "yaml";
import { MERGE_DEPTH_LIMIT, MERGE_ENTRY_BUDGET } from "./merge-budget.js";
import type { ManifestError } from "./types.js";
import { formatYamlPath, keyText, pathOfNode, type YamlPath } from "./yaml-path.js";
import { echo } from "../echo.js";

/** Where a node sits: which file, which path inside it. */
export interface Location {
  readonly file: string;
  readonly path: YamlPath;
}

export function at(location: Location, ...segments: (string | number)[]): Location {
  return { file: location.file, path: [...location.path, ...segments] };
}

/** A mapping's entries after its merges, and how many entries a YAML 1.1 loader would copy to build it. */
interface Expansion {
  readonly fields: Map<string, unknown>;
  readonly size: number;
}

const NO_FIELDS: Expansion = { fields: new Map(), size: 0 };

/** Reads typed values out of YAML nodes, resolving aliases and `<<` merges and recording located errors. */
export class YamlReader {
  readonly errors: ManifestError[] = [];
  // Each mapping is expanded once: without this, nested merges of the same anchor take exponential time.
  private readonly expansions = new Map<YAMLMap, Expansion>();
  private readonly expanding = new Set<YAMLMap>();
  private spent = 0;
  private exceeded: { readonly map: YAMLMap; readonly reason: string } | undefined;

  // yaml's Alias.resolve walks the whole document on every call: many aliases would make reading quadratic.
  private readonly aliasTargets = new Map<Alias, Node | undefined>();

  constructor(private readonly doc: Document) {
    const latest = new Map<string, Node>();
    visit(doc, {
      Node: (_, node) => {
        if (isAlias(node)) this.aliasTargets.set(node, latest.get(node.source));
        else if (node.anchor !== undefined) latest.set(node.anchor, node);
      },
    });
  }

  /**
   * Expands every mapping's merges once, in document order, within the budget; a located error when the file's
   * merges would expand beyond it (or nest too deep). Call before reading: a refused file must not be read at all.
   */
  expandMerges(file: string): ManifestError | undefined {
    visit(this.doc, {
      Map: (_, map) => {
        this.expand(map);
        return this.exceeded === undefined ? undefined : visit.BREAK;
      },
    });
    if (this.exceeded === undefined) return undefined;
    const path = formatYamlPath(pathOfNode(this.doc, this.exceeded.map) ?? []);
    return { file, path, message: `Refusing this file: its << merge keys ${this.exceeded.reason}` };
  }

  report(location: Location, message: string): void {
    this.errors.push({ file: location.file, path: formatYamlPath(location.path), message });
  }

  /** Follows aliases; `undefined` for a missing node, `null` for an explicit YAML null. */
  resolve(node: unknown): Node | null | undefined {
    // An alias names an anchored node, never another alias: one step resolves it.
    const current: unknown = isAlias(node) ? this.aliasTargets.get(node) : node;
    if (current === undefined) return undefined;
    if (current === null || (isScalar(current) && current.value === null)) return null;
    return isMap(current) || isSeq(current) || isScalar(current) ? current : undefined;
  }

  /** A mapping's entries by key; keys written explicitly win over `<<` merged ones, as in YAML 1.1. */
  fields(node: unknown): Map<string, unknown> | undefined {
    const map = this.resolve(node);
    return isMap(map) ? this.expand(map).fields : undefined;
  }

  private expand(map: YAMLMap): Expansion {
    const known = this.expansions.get(map);
    if (known !== undefined) return known;
    // A merge that names its own mapping (`a: &a { <<: *a }`) contributes nothing from inside itself.
    if (this.exceeded !== undefined || this.expanding.has(map)) return NO_FIELDS;
    if (this.expanding.size >= MERGE_DEPTH_LIMIT) {
      this.exceeded = { map, reason: `nest more than ${MERGE_DEPTH_LIMIT} levels deep` };
      return NO_FIELDS;
    }
    this.expanding.add(map);
    const explicit = new Map<string, unknown>();
    const merged = new Map<string, unknown>();
    const mergedSources = new Set<YAMLMap>();
    let size = 0;
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      if (!(isScalar(pair.key) && typeof pair.key.value === "symbol")) {
        explicit.set(keyText(pair.key), pair.value);
        size += 1;
        continue;
      }
      const sources = this.resolve(pair.value);
      for (const item of isSeq(sources) ? sources.items : [sources]) {
        const source = this.resolve(item);
        if (!isMap(source)) continue;
        const expansion = this.expand(source);
        size += expansion.size;
        // A source named again adds no key (the first one wins), so copying it once keeps our own work linear.
        if (mergedSources.has(source)) continue;
        mergedSources.add(source);
        for (const [key, value] of expansion.fields) if (!merged.has(key)) merged.set(key, value);
      }
    }
    this.expanding.delete(map);
    for (const [key, value] of merged) if (!explicit.has(key)) explicit.set(key, value);
    this.spent += size;
    if (this.exceeded === undefined && this.spent > MERGE_ENTRY_BUDGET) {
      this.exceeded = { map, reason: `expand to more than ${MERGE_ENTRY_BUDGET} entries (a YAML merge bomb?)` };
    }
    if (this.exceeded !== undefined) return NO_FIELDS;
    const expansion = { fields: explicit, size };
    this.expansions.set(map, expansion);
    return expansion;
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
    return text === undefined || text === null ? "an unreadable value" : `'${echo(text)}'`;
  }

  private preview(node: Node): string {
    try {
      const json = JSON.stringify(node.toJS(this.doc)) ?? "";
      return echo(json, 80);
    } catch {
      return "";
    }
  }
}
