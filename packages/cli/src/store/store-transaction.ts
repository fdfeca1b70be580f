import type { ImportOptions } from "@cloud-ledger/adapters/ndjson";
import { CliFailure } from "../runtime/cli-errors.js";
import type { StoreSpec } from "./store-spec.js";

type Atomically = NonNullable<ImportOptions["atomically"]>;

/**
 * How to run a bulk write on the store as one transaction (its own connection: SQLite BEGIN IMMEDIATE, PostgreSQL
 * BEGIN), so a failed or killed write leaves nothing. EventStoreDB has no transaction across streams: refused.
 */
export function transactionOn(spec: StoreSpec, what: string): Atomically {
  switch (spec.kind) {
    case "sqlite":
      return async (work) => {
        const { withSqliteTransaction } = await import("@cloud-ledger/adapters/sqlite");
        return withSqliteTransaction({ path: spec.path }, work);
      };
    case "postgres":
      return async (work) => {
        const { withPostgresTransaction } = await import("@cloud-ledger/adapters/postgres");
        return withPostgresTransaction({ connectionString: spec.url }, work);
      };
    case "eventstoredb":
      throw new CliFailure(
        `Cannot ${what} into EventStoreDB: it has no transaction across streams, so a failure could leave half a log. Use ` +
          `SQLite or PostgreSQL.`,
        "no-transactions",
      );
  }
}
