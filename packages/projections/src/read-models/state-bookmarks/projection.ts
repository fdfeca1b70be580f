import type { StateContent } from "@cloud-ledger/domain";
import type { DomainProjection } from "../shared/domain-projection.js";
import { ensureScope, pruneScope, scopedFromJson, scopedToJson, type ProjectScoped } from "../shared/project-scoped.js";

/** A project's bookmark as `state get` shows it, and who set it when (the trail has every earlier change). */
export interface Bookmark {
  readonly content: StateContent;
  readonly digest: string;
  readonly setAt: string;
  readonly setBy: string;
}

/** Organization -> project key -> state id -> bookmark (rule 53: per project). */
export type StateBookmarksState = ProjectScoped<Map<string, Bookmark>>;

/** Each project's current state bookmarks: `state list` and `state get`. */
export const stateBookmarks: DomainProjection<StateBookmarksState> = {
  name: "state-bookmarks",
  version: 1,
  initialState: () => new Map(),
  apply(state, event, recorded) {
    if (event.type === "StateSet") {
      const { organization, projectKey, stateId, content, digest } = event.data;
      const bookmarks = ensureScope(state, organization, projectKey, () => new Map<string, Bookmark>());
      bookmarks.set(stateId, { content, digest, setAt: recorded.metadata.occurredAt, setBy: recorded.metadata.actor });
    } else if (event.type === "StateDeleted") {
      const { organization, projectKey, stateId } = event.data;
      state.get(organization)?.get(projectKey)?.delete(stateId);
      pruneScope(state, organization, projectKey);
    }
    return state;
  },
  toJson: (state) => scopedToJson(state, (bookmarks) => [...bookmarks].map(([id, b]) => [id, { ...b }])),
  fromJson: (json) =>
    scopedFromJson<[string, Bookmark][], Map<string, Bookmark>>(
      json,
      "state-bookmarks",
      (entries) => new Map(entries.map(([id, b]) => [id, { ...b }])),
    ),
};
