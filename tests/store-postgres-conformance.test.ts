import pg from "pg";
import type { EventStore } from "@cloud-ledger/domain";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { describeEventStoreConformance } from "@cloud-ledger/adapters/conformance";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

// One fresh database for this file; the suite's tests use unique stream names, so they share it.
let database: TestDatabase | undefined;
const databaseUrl = async (): Promise<string> => (database ??= await createTestDatabase()).url;

/** Overwrites one stored row's data with text that is not JSON, as a bad manual edit or a disk fault would. */
async function corrupt(schema: string, streamName: string, version: number): Promise<void> {
  const admin = new pg.Client({ connectionString: await databaseUrl() });
  await admin.connect();
  try {
    const result = await admin.query(`UPDATE "${schema}".cl_events SET data = '{"broken' WHERE stream_name = $1 AND version = $2`, [
      streamName,
      version,
    ]);
    if (result.rowCount !== 1) throw new Error(`no row ${streamName}@${version} to corrupt`);
  } finally {
    await admin.end();
  }
}

// Pooled: each store opens its own pool from the URL; connectAgain is a second pool on the same database.
describeEventStoreConformance("postgres", {
  create: async () => createPostgresEventStore({ connectionString: await databaseUrl() }),
  connectAgain: async () => createPostgresEventStore({ connectionString: await databaseUrl() }),
  corruptRow: (_store, streamName, version) => corrupt("public", streamName, version),
  readStreams: true,
  appendStreams: true,
  cleanup: async () => {
    await database?.drop();
    database = undefined;
  },
});

/** A store on one pg.Client the test owns (ended with the store), in its own schema. */
async function singleClientStore(): Promise<EventStore> {
  const client = new pg.Client({ connectionString: await databaseUrl() });
  await client.connect();
  const store = await createPostgresEventStore({ client, schema: "single_client" });
  return {
    ...store,
    close: async () => {
      await store.close();
      await client.end();
    },
  };
}

describeEventStoreConformance("postgres (single client)", {
  create: singleClientStore,
  connectAgain: singleClientStore,
  corruptRow: (_store, streamName, version) => corrupt("single_client", streamName, version),
  readStreams: true,
  appendStreams: true,
  cleanup: async () => {
    await database?.drop();
    database = undefined;
  },
});
