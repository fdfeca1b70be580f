import type { SecretRef } from "@cloud-ledger/domain";
import type { ReadableSecretVault } from "./file-vault.js";
import { entryKey, writeApplies, type VaultEntry } from "./vault-entry.js";

/** A vault in this process's memory, with the same write rules as the file vault (for tests and embedders). */
export function createMemoryVault(): ReadableSecretVault {
  const entries = new Map<string, VaultEntry<string>>();
  const write = (ref: SecretRef, at: { eventId: string; version: number }, value: string | undefined): Promise<void> => {
    const key = entryKey("", ref);
    if (writeApplies(entries.get(key), at)) entries.set(key, { scope: "", ...ref, ...at, value });
    return Promise.resolve();
  };
  return {
    put: (ref, value, at) => write(ref, at, value),
    delete: (ref, at) => write(ref, at, undefined),
    check: () => Promise.resolve(),
    get: (ref) => Promise.resolve(entries.get(entryKey("", ref))?.value),
    refs: () => {
      const held = [...entries.values()].filter((entry) => entry.value !== undefined);
      return Promise.resolve(held.map(({ organization, projectKey, name }) => ({ organization, projectKey, name })));
    },
  };
}
