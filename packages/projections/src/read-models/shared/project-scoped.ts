import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { jsonEntries } from "./json-shape.js";

/**
 * Per-project data, nested organization -> project key -> V. Two lookups on the event's own strings are cheaper than
 * building a composite key per event, and an organization's data stays in its own branch.
 */
export type ProjectScoped<V> = Map<string, Map<string, V>>;

export function scopeOf<V>(state: ProjectScoped<V>, organization: BillingAccountNumber, projectKey: ProjectKey): V | undefined {
  return state.get(organization)?.get(projectKey);
}

export function ensureScope<V>(state: ProjectScoped<V>, organization: BillingAccountNumber, projectKey: ProjectKey, create: () => V): V {
  let projects = state.get(organization);
  if (projects === undefined) {
    projects = new Map();
    state.set(organization, projects);
  }
  let value = projects.get(projectKey);
  if (value === undefined) {
    value = create();
    projects.set(projectKey, value);
  }
  return value;
}

/** Removes a project's branch once its map is empty, so deleting everything leaves the state as if nothing happened. */
export function pruneScope<V extends { readonly size: number }>(
  state: ProjectScoped<V>,
  organization: BillingAccountNumber,
  projectKey: ProjectKey,
): void {
  const projects = state.get(organization);
  if (projects?.get(projectKey)?.size !== 0) return;
  projects.delete(projectKey);
  if (projects.size === 0) state.delete(organization);
}

export function scopedToJson<V, J>(state: ProjectScoped<V>, value: (v: V) => J): [string, [string, J][]][] {
  const out: [string, [string, J][]][] = [];
  for (const [organization, projects] of state) {
    const inner: [string, J][] = [];
    for (const [projectKey, v] of projects) inner.push([projectKey, value(v)]);
    out.push([organization, inner]);
  }
  return out;
}

export function scopedFromJson<J, V>(json: Parameters<typeof jsonEntries>[0], what: string, value: (j: J) => V): ProjectScoped<V> {
  const state: ProjectScoped<V> = new Map();
  for (const [organization, projects] of jsonEntries<[string, J][]>(json, what)) {
    const inner = new Map<string, V>();
    for (const [projectKey, j] of jsonEntries<J>(projects as unknown as Parameters<typeof jsonEntries>[0], what))
      inner.set(projectKey, value(j));
    state.set(organization, inner);
  }
  return state;
}
