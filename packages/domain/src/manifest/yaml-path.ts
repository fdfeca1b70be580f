import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { echo } from "../echo.js";

/** A path into one YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `schedules[2].interval`, `annotations["meltano.cloud"].environments`; the document root is "". */
export function formatYamlPath(path: YamlPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === "" ? echo(segment) : `.${echo(segment)}`;
    else text += `[${JSON.stringify(echo(segment))}]`;
  }
  // Deeply nested input makes long paths even with every key bounded.
  return echo(text, 1000);
}

/** The text a key stands for in a path (keys written as numbers keep their spelling: `0010`, not `10`). */
export function keyText(key: unknown): string {
  if (isScalar(key)) {
    if (typeof key.value === "string") return key.value;
    if (typeof key.source === "string") return key.source;
    return String(key.value);
  }
  return String(key);
}

/** The deepest path whose key or value covers `offset`, used to locate YAML syntax errors. */
export function pathAtOffset(doc: Document, offset: number): YamlPath {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    const next = childAt(node, offset);
    if (next === undefined) return path;
    path.push(next.segment);
    if (next.node === undefined) return path;
    node = next.node;
  }
}

function childAt(node: unknown, offset: number): { segment: string | number; node: Node | undefined } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const segment = keyText(pair.key);
      if (covers(pair.key, offset)) return { segment, node: undefined };
      if (covers(pair.value, offset)) return { segment, node: pair.value as Node };
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      if (covers(item, offset)) return { segment: index, node: item as Node };
    }
  }
  return undefined;
}

function covers(node: unknown, offset: number): boolean {
  if (!(isMap(node) || isSeq(node) || isScalar(node) || isAlias(node)) || node.range === undefined || node.range === null) return false;
  const [start, , end] = node.range;
  return offset >= start && offset < end;
}

/** The path to `target` within the document (aliases are not followed), or undefined when it is not in it. */
export function pathOfNode(doc: Document, target: Node): YamlPath | undefined {
  const search = (node: unknown, path: (string | number)[]): YamlPath | undefined => {
    if (node === target) return path;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const found = search(pair.value, [...path, keyText(pair.key)]);
        if (found !== undefined) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = search(item, [...path, index]);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return search(doc.contents, []);
}
