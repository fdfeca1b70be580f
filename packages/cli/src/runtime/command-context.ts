import type { Command } from "commander";
import type { ControlPlaneCommand, DispatchSuccess, EventStore, ReadModelRowStore } from "@cloud-ledger/domain";
import { ReadModelQueryError, type AsOf } from "@cloud-ledger/projections";
import { UsageError } from "./cli-errors.js";
import { createOutput, type Output } from "../output/output.js";
import { createProgress } from "../output/progress.js";
import { readSession, writeSession, type Defaults, type Identity, type Session } from "../session/session-file.js";
import { openStore, type StoreAccess } from "../store/open-store.js";
import { actingIdentity } from "./acting-identity.js";
import { createControlPlaneClient, type ControlPlaneClient } from "./control-plane-client.js";
import { readGlobals, type Globals } from "./global-options.js";
import { loadLedgerViews, loadLedgerViewsAsOf, openReadModelRows, type LedgerViews } from "./ledger-views.js";
import { noticingAppends, reportReadModelRead } from "./read-model-reads.js";

/** What a command's action works with: options, output, session, the opened store and the control plane over it. */
export interface CommandContext {
  readonly globals: Globals;
  readonly output: Output;
  readonly store: EventStore;
  session(): Session;
  /** Who this command acts as (`--as` or the logged-in identity); fails with exit 1 when there is none. */
  identity(): Identity;
  /** Runs a command as the acting identity; a rejection throws a CliFailure (exit 1). */
  dispatch(command: ControlPlaneCommand, as?: Identity): Promise<DispatchSuccess>;
  /**
   * The read models at the head (persisted rows caught up from their checkpoint, again after every dispatch), or as
   * of a point in history (a replay of that prefix). A write command reads them only before it writes: it answers
   * from its dispatch's result (issue 13), and tests fail on a read after a write (see read-model-reads.ts).
   */
  views(asOf?: AsOf): Promise<LedgerViews>;
  /** The persisted read-model rows, caught up like `views()`: for queries the LedgerReader does not carry. */
  rows(): Promise<ReadModelRowStore>;
  /** Updates the remembered selections in the session file. */
  remember(update: (defaults: Defaults) => Defaults): void;
  readonly client: ControlPlaneClient;
}

/**
 * Opens the store (read: must exist; write: may be created), runs the action, and always closes the store — so a
 * failing command leaves nothing half-open and writes nothing it was not asked to (a new store may stay, empty).
 */
export async function withContext(
  command: Command,
  access: StoreAccess,
  action: (context: CommandContext) => Promise<void>,
  options: { readonly actsAsUser?: boolean } = {},
): Promise<void> {
  const globals = readGlobals(command);
  let session = readSession(globals.home);
  // A write acts as someone: check there is someone before a store is created or opened for writing.
  if (access === "write" && options.actsAsUser !== false) actingIdentity(session, globals.as);
  let wrote = false;
  const store = noticingAppends(await openStore(globals.store, access), () => {
    wrote = true;
  });
  let rows: ReadModelRowStore | undefined;
  try {
    const client = createControlPlaneClient({ store });
    let cached: LedgerViews | undefined;
    const headViews = async (): Promise<LedgerViews> => {
      reportReadModelRead({ afterWrite: wrote, caughtUp: cached === undefined });
      rows ??= await openReadModelRows(globals.store);
      cached ??= await loadLedgerViews(store, rows, {
        progress: createProgress("Updating read models", { json: globals.format === "json" }),
      });
      return cached;
    };
    const context: CommandContext = {
      globals,
      output: createOutput(globals.format),
      store,
      client,
      session: () => session,
      identity: () => actingIdentity(session, globals.as),
      async dispatch(controlPlaneCommand, as) {
        const result = await client.dispatch(as ?? actingIdentity(session, globals.as), controlPlaneCommand);
        cached = undefined;
        return result;
      },
      async views(asOf) {
        if (asOf !== undefined) {
          reportReadModelRead({ afterWrite: wrote, caughtUp: true });
          return loadLedgerViewsAsOf(store, asOf, { progress: createProgress("Replaying", { json: globals.format === "json" }) });
        }
        return headViews();
      },
      async rows() {
        await headViews();
        return rows as ReadModelRowStore;
      },
      remember(update) {
        session = { ...session, defaults: update(session.defaults) };
        writeSession(globals.home, session);
      },
    };
    try {
      await action(context);
    } catch (error) {
      // A query argument the read models cannot use (a cursor no page returned, a malformed instant) is the user's
      // input at fault: a usage error (exit 2) naming it, like a malformed flag.
      if (error instanceof ReadModelQueryError) throw new UsageError(error.message);
      throw error;
    }
  } finally {
    // Never delete the store, not even one this command created: another process may have written acknowledged events
    // there since. A failed command's own appends were each rolled back by their transaction; at worst an empty store
    // is left behind.
    await rows?.close().catch(() => undefined); // a cache that fails to close must not hide the command's outcome
    await store.close();
  }
}
