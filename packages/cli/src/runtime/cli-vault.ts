import { mkdirSync } from "node:fs";
import path from "node:path";
import type { EventStore } from "@cloud-ledger/domain";
import { createFileVault, resolveVaultKey, type ReadableSecretVault } from "@cloud-ledger/adapters/vault";

export const VAULT_FILE = "secrets.vault";
export const VAULT_KEY_FILE = "vault.key";

/**
 * The CLI's vault: `secrets.vault` in the CLI home, sealed with the key from CLOUD_LEDGER_VAULT_KEY or else from
 * `vault.key` in the home (created, mode 0600, on the first value stored). Its entries are scoped to the ledger (the
 * id of the store's first event), so one home used with several stores keeps their secrets apart.
 */
export async function openCliVault(home: string, store: EventStore): Promise<ReadableSecretVault> {
  const [first] = await store.readAll({ limit: 1 });
  return createFileVault({
    file: path.join(home, VAULT_FILE),
    key: () => {
      mkdirSync(home, { recursive: true, mode: 0o700 });
      return resolveVaultKey({ keyFile: path.join(home, VAULT_KEY_FILE) });
    },
    scope: first?.eventId ?? "",
  });
}
