import { createHash } from "node:crypto";
import pg from "pg";
import type { QueryResultRow } from "pg";

/**
 * How a PostgreSQL store reaches its database: a pg.Pool or a single pg.Client / pool client the caller owns (and
 * closes), or a connection string, for which the store opens and later ends its own pool. Open a store on a client
 * before starting a transaction on it: opening runs the migrations in their own BEGIN/COMMIT.
 */
export type PostgresConnectionOptions =
  | { readonly pool: pg.Pool; readonly schema?: string }
  | { readonly client: pg.Client | pg.PoolClient; readonly schema?: string }
  | { readonly connectionString: string; readonly schema?: string; readonly maxConnections?: number };

export interface Connection {
  readonly schema: string;
  /** The schema, quoted for SQL text. */
  readonly qualified: (table: string) => string;
  query<R extends QueryResultRow>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /**
   * `text` as a named prepared statement: each connection parses and plans it once, later runs only bind and execute
   * (for the store's fixed hot statements; the plan is PostgreSQL's to keep, and it re-plans after schema changes).
   */
  statement<R extends QueryResultRow>(text: string): (values: readonly unknown[]) => Promise<R[]>;
  /** Runs `work` on one connection inside BEGIN/COMMIT (ROLLBACK on error). */
  transaction<T>(work: (query: Connection["query"]) => Promise<T>): Promise<T>;
  /**
   * Runs `work` atomically on one connection, its statements as named prepared statements: inside BEGIN/COMMIT, or,
   * on a caller's client already inside a transaction, inside a savepoint of it (so the caller's COMMIT decides).
   */
  atomically<T>(work: (run: Connection["query"]) => Promise<T>): Promise<T>;
  /** True when the store runs on a caller's client that is inside a transaction (its statements join it). */
  inCallerTransaction(): boolean;
  /** Ends the pool when the store opened it; leaves a caller's pool or client alone. */
  release(): Promise<void>;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export class InvalidPostgresOptionsError extends Error {
  override readonly name = "InvalidPostgresOptionsError";
  constructor(reason: string) {
    super(`Invalid PostgreSQL store options: ${reason}`);
  }
}

type Target = pg.Pool | pg.Client | pg.PoolClient;

async function run<R extends QueryResultRow>(target: Target, text: string, values?: readonly unknown[]): Promise<R[]> {
  const result = await target.query<R>(text, values === undefined ? undefined : [...values]);
  return result.rows;
}

/**
 * A statement's name is derived from its text, so the same SQL has the same name on every connection and two texts
 * (e.g. stores on two schemas sharing one pool) never share one: pg refuses a name reused for a different text.
 * 24 hex characters keep it well under PostgreSQL's 63-byte limit for names.
 */
function statementName(text: string): string {
  return `cl_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
}

async function inTransaction<T>(client: pg.Client | pg.PoolClient, work: (query: Connection["query"]) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work((text, values) => run(client, text, values));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

const SAVEPOINT = "cl_append";

/** Throws what `work` threw; `broken` is set when the rollback after it failed too (the connection's state is unknown). */
async function atomicallyOn<T>(
  client: pg.Client | pg.PoolClient,
  work: (run: Connection["query"]) => Promise<T>,
  broken: { value: boolean } = { value: false },
): Promise<T> {
  const nested = client.getTransactionStatus() === "T";
  await client.query(nested ? `SAVEPOINT ${SAVEPOINT}` : "BEGIN");
  try {
    const result = await work(async <R extends QueryResultRow>(text: string, values?: readonly unknown[]) => {
      const { rows } = await client.query<R>({ name: statementName(text), text, values: [...(values ?? [])] });
      return rows;
    });
    await client.query(nested ? `RELEASE SAVEPOINT ${SAVEPOINT}` : "COMMIT");
    return result;
  } catch (error) {
    await client.query(nested ? `ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}` : "ROLLBACK").catch(() => {
      broken.value = true;
    });
    throw error;
  }
}

export function openConnection(options: PostgresConnectionOptions): Connection {
  if (typeof options !== "object" || options === null) throw new InvalidPostgresOptionsError("options are required");
  const schema = options.schema ?? "public";
  // The schema name is spliced into SQL text (identifiers cannot be bound parameters), so only plain names pass.
  if (typeof schema !== "string" || !SCHEMA_NAME.test(schema)) {
    throw new InvalidPostgresOptionsError(`schema must match ${String(SCHEMA_NAME)}, got ${JSON.stringify(schema)}`);
  }
  // Which kind we hold is taken from the option's name, not `instanceof`: a second copy of pg in node_modules would
  // make a caller's Pool fail an instanceof check and be mistaken for a single client.
  let target: { readonly pool: pg.Pool } | { readonly client: pg.Client | pg.PoolClient };
  let owned = false;
  if ("pool" in options && options.pool !== undefined) target = { pool: options.pool };
  else if ("client" in options && options.client !== undefined) target = { client: options.client };
  else if ("connectionString" in options && typeof options.connectionString === "string" && options.connectionString !== "") {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    // An idle pooled connection that drops emits 'error'; without a listener that would crash the process. The next
    // query on the pool reconnects or fails with a proper error.
    pool.on("error", () => undefined);
    target = { pool };
    owned = true;
  } else throw new InvalidPostgresOptionsError("give one of pool, client or connectionString");
  const queryTarget: Target = "pool" in target ? target.pool : target.client;

  return {
    schema,
    qualified: (table) => `"${schema}".${table}`,
    query: (text, values) => run(queryTarget, text, values),
    statement<R extends QueryResultRow>(text: string) {
      const name = statementName(text);
      return async (values: readonly unknown[]) => (await queryTarget.query<R>({ name, text, values: [...values] })).rows;
    },
    async transaction(work) {
      if ("client" in target) return inTransaction(target.client, work);
      const client = await target.pool.connect();
      try {
        const result = await inTransaction(client, work);
        client.release();
        return result;
      } catch (error) {
        // Discard the connection rather than pool one whose ROLLBACK may not have gone through.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    },
    async atomically(work) {
      if ("client" in target) return atomicallyOn(target.client, work);
      const client = await target.pool.connect();
      const broken = { value: false };
      try {
        const result = await atomicallyOn(client, work, broken);
        client.release();
        return result;
      } catch (error) {
        // A connection whose rollback went through is clean and goes back to the pool (a batch retried after a race
        // would otherwise pay a reconnect and re-preparing every statement).
        client.release(broken.value ? (error instanceof Error ? error : true) : undefined);
        throw error;
      }
    },
    inCallerTransaction: () => "client" in target && target.client.getTransactionStatus() === "T",
    async release() {
      if (owned && "pool" in target) await target.pool.end();
    },
  };
}
