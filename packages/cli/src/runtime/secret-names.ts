import type { DomainEvent } from "@cloud-ledger/domain";
import type { Projection } from "@cloud-ledger/projections";

/** `<billing account number>/<project key>` → the names of the project's secrets (never their values: events have none). */
export type SecretNamesState = Map<string, Set<string>>;

const scope = (organization: string, projectKey: string): string => `${organization}/${projectKey}`;

/** What `config env list` shows: the secret names currently set per project. */
export const secretNames: Projection<SecretNamesState, DomainEvent> = {
  name: "cli-secret-names",
  version: 1,
  initialState: () => new Map(),
  apply(state, event) {
    if (event.type === "SecretSet") {
      const key = scope(event.data.organization, event.data.projectKey);
      const names = state.get(key) ?? new Set<string>();
      names.add(event.data.name);
      state.set(key, names);
    } else if (event.type === "SecretDeleted") {
      state.get(scope(event.data.organization, event.data.projectKey))?.delete(event.data.name);
    }
    return state;
  },
  toJson: (state) => Object.fromEntries([...state].map(([key, names]) => [key, [...names].sort()])),
  fromJson: (json) => new Map(Object.entries(json as Record<string, string[]>).map(([key, names]) => [key, new Set(names)])),
};

export function secretNamesOf(state: SecretNamesState, organization: string, projectKey: string): readonly string[] {
  return [...(state.get(scope(organization, projectKey)) ?? [])].sort();
}
