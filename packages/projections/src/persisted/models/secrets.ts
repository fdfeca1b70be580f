import { MODEL, projectScope, type RowModel } from "./row-model.js";

/** The names (never values: events have none) of each project's secrets. */
export const secretNameRows: RowModel = {
  name: "secret-names",
  apply(tx, event) {
    if (event.type !== "SecretSet" && event.type !== "SecretDeleted") return;
    const scope = projectScope(event.data.organization, event.data.projectKey);
    if (event.type === "SecretSet") tx.put(MODEL.secret, scope, event.data.name, true);
    else tx.delete(MODEL.secret, scope, event.data.name);
  },
};
