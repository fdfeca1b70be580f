import { existsSync, readFileSync } from "node:fs";
import type { SecretRef, SecretVault, SecretWrite } from "@cloud-ledger/domain";
import { writeFileAtomically } from "./atomic-write.js";
import { deriveVaultKeys, keyCheckOf, macOf, openValue, sameMac, sealValue, type VaultKeys } from "./vault-cipher.js";
import { entryKey, writeApplies, type SealedValue, type VaultEntry } from "./vault-entry.js";
import { VaultError } from "./vault-error.js";
import { bindingOf, bodyText, documentText, parseVaultDocument } from "./vault-file-format.js";
import { withFileLock, type LockOptions } from "./vault-lock.js";

/** A vault that can also give values back (to whoever runs the jobs) and list what it holds. */
export interface ReadableSecretVault extends SecretVault {
  /** The value, or undefined when it was never set or was deleted. */
  get(ref: SecretRef): Promise<string | undefined>;
  /** The refs holding a value (names only, never values). */
  refs(): Promise<readonly SecretRef[]>;
  /** Fails as a later write would (wrong key, edited or unreadable file), so a caller can check before it records. */
  check(): Promise<void>;
}

export interface FileVaultOptions {
  /** The vault file (created on the first write, mode 0600); its lock is `<file>.lock`. */
  readonly file: string;
  /** The 32-byte operator key, or a function giving it: called on first use, so a vault that is never used needs none. */
  readonly key: Uint8Array | (() => Uint8Array);
  /** The ledger these secrets belong to (e.g. the id of its first event); entries of other scopes are kept apart. */
  readonly scope?: string;
  readonly lock?: LockOptions;
}

/**
 * An encrypted file vault: every value sealed with AES-256-GCM under a fresh random IV and bound to its ledger,
 * organization, project, name, version and event; the whole file carries an HMAC, so a wrong key or any edit is a
 * VaultError, never a wrong value. Writes hold a lock file and replace the file atomically.
 */
export function createFileVault(options: FileVaultOptions): ReadableSecretVault {
  const scope = options.scope ?? "";
  let keys: VaultKeys | undefined;
  const keysOf = (): VaultKeys => (keys ??= deriveVaultKeys(typeof options.key === "function" ? options.key() : options.key));

  const read = (): VaultEntry<SealedValue>[] => {
    let text: string;
    try {
      text = readFileSync(options.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const document = parseVaultDocument(text, options.file);
    const k = keysOf();
    if (!sameMac(document.keyCheck, keyCheckOf(k))) {
      throw new VaultError("vault-wrong-key", `The vault key does not open ${options.file}: it was written with another key.`);
    }
    if (!sameMac(document.mac, macOf(k, bodyText(document.keyCheck, document.entries)))) {
      throw new VaultError("vault-tampered", `The vault file ${options.file} was altered: its contents do not match its MAC.`);
    }
    return [...document.entries];
  };

  const write = async (ref: SecretRef, at: SecretWrite, value: string | undefined): Promise<void> => {
    await withFileLock(
      `${options.file}.lock`,
      () => {
        const entries = read();
        const key = entryKey(scope, ref);
        const index = entries.findIndex((entry) => entryKey(entry.scope, entry) === key);
        if (!writeApplies(entries[index], at)) return;
        const { organization, projectKey, name } = ref;
        const identity = { scope, organization, projectKey, name, eventId: at.eventId, version: at.version };
        const entry = { ...identity, value: value === undefined ? undefined : sealValue(keysOf(), value, bindingOf(identity)) };
        if (index === -1) entries.push(entry);
        else entries[index] = entry;
        const keyCheck = keyCheckOf(keysOf());
        writeFileAtomically(options.file, documentText(keyCheck, entries, macOf(keysOf(), bodyText(keyCheck, entries))));
      },
      options.lock,
    );
  };

  return {
    put: (ref, value, at) => write(ref, at, value),
    delete: (ref, at) => write(ref, at, undefined),
    // Errors (wrong key, tampering) reject the promise rather than throw at the call.
    get: (ref) =>
      settle(() => {
        const key = entryKey(scope, ref);
        const entry = read().find((candidate) => entryKey(candidate.scope, candidate) === key);
        if (entry?.value === undefined) return undefined;
        return openValue(keysOf(), entry.value, bindingOf(entry), `'${ref.name}' (project ${ref.projectKey})`);
      }),
    // Without a file there is nothing to check yet, and no reason to create a key for a command that may be refused.
    check: () => settle(() => void (existsSync(options.file) ? read() : undefined)),
    refs: () =>
      settle(() =>
        read()
          .filter((entry) => entry.scope === scope && entry.value !== undefined)
          .map(({ organization, projectKey, name }) => ({ organization, projectKey, name })),
      ),
  };
}

function settle<T>(compute: () => T): Promise<T> {
  return new Promise((resolve) => resolve(compute()));
}
