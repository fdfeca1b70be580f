import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { VaultError } from "./vault-error.js";

export const VAULT_KEY_BYTES = 32;
export const VAULT_KEY_ENV = "CLOUD_LEDGER_VAULT_KEY";

/** Decodes an operator key given as 64 hex characters or as base64 / base64url of 32 bytes. */
export function parseVaultKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === VAULT_KEY_BYTES) return bytes;
  }
  // The length only: the text itself may be (part of) a key.
  throw new VaultError(
    "vault-key-invalid",
    `${source} must hold a ${VAULT_KEY_BYTES}-byte key as 64 hex characters or 44 base64 characters (it has ${trimmed.length} characters).`,
  );
}

/**
 * The key file's key, created on first use: 32 random bytes in base64, mode 0600, written under a temporary name and
 * linked into place, so a concurrent first use sees either no file or the whole key (never half of one) and both end
 * up with the same key. A key file that others can read is refused rather than used.
 */
export function readOrCreateKeyFile(keyFile: string): Buffer {
  try {
    return readKeyFile(keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const temporary = path.join(path.dirname(keyFile), `.${path.basename(keyFile)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeFileSync(fd, `${randomBytes(VAULT_KEY_BYTES).toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, keyFile);
  } catch (error) {
    // Another process created the key first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readKeyFile(keyFile);
}

function readKeyFile(keyFile: string): Buffer {
  const mode = statSync(keyFile).mode;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new VaultError(
      "vault-key-invalid",
      `The vault key file ${keyFile} is readable or writable by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it.`,
    );
  }
  return parseVaultKey(readFileSync(keyFile, "utf8"), `The vault key file ${keyFile}`);
}

/** The operator key: from the environment variable when it is set, else from (or into) the key file. */
export function resolveVaultKey(options: { readonly keyFile: string; readonly env?: NodeJS.ProcessEnv }): Buffer {
  const fromEnv = (options.env ?? process.env)[VAULT_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return parseVaultKey(fromEnv, VAULT_KEY_ENV);
  return readOrCreateKeyFile(options.keyFile);
}
