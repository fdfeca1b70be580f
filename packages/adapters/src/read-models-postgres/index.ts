export { createPostgresRowStore } from "./postgres-row-store.js";
