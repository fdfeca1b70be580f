import { MODEL, projectScope, type RowModel } from "./row-model.js";

/** The names (never values: events have none) of each project's secrets. */
export const secretNameRows: RowModel = {
  name: "secret-names",
  apply(tx, event) {
    if (event.type === "SecretSet") tx.put(MODEL.secret, projectScope(event.data.organization, event.data.projectKey), event.data.name, true);
    else if (event.type === "SecretDeleted") tx.delete(MODEL.secret, projectScope(event.data.organization, event.data.projectKey), event.data.name);
  },
};
