import { MODEL, projectScope, type RowModel } from "./row-model.js";

/** One row per bookmark, keyed by state id within its project: `state list` pages the keys, `state get` reads one. */
export const stateBookmarkRows: RowModel = {
  name: "state-bookmarks",
  apply(tx, event, recorded) {
    if (event.type !== "StateSet" && event.type !== "StateDeleted") return;
    const scope = projectScope(event.data.organization, event.data.projectKey);
    if (event.type === "StateDeleted") {
      tx.delete(MODEL.stateBookmark, scope, event.data.stateId);
      return;
    }
    const { content, digest } = event.data;
    tx.put(MODEL.stateBookmark, scope, event.data.stateId, {
      content,
      digest,
      setAt: recorded.metadata.occurredAt,
      setBy: recorded.metadata.actor,
    });
  },
};
