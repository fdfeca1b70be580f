import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseVaultKey, resolveVaultKey, VaultError, VAULT_KEY_ENV } from "@cloud-ledger/adapters/vault";

let folder: string;
let keyFile: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-vault-key-"));
  keyFile = path.join(folder, "vault.key");
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("the vault key", () => {
  it("reads 32 bytes given as hex, base64 or base64url", () => {
    const key = randomBytes(32);
    for (const text of [
      key.toString("hex"),
      key.toString("base64"),
      key.toString("base64url"),
      ` ${key.toString("hex").toUpperCase()}\n`,
    ]) {
      expect(parseVaultKey(text, "test").equals(key)).toBe(true);
    }
  });

  it("refuses any other length or alphabet with a typed error that does not echo the text", () => {
    for (const text of [
      "",
      "abc",
      randomBytes(31).toString("hex"),
      randomBytes(33).toString("base64"),
      `${"z".repeat(63)}!`,
      "secret-looking-text-that-is-not-a-key",
    ]) {
      let error: unknown;
      try {
        parseVaultKey(text, VAULT_KEY_ENV);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(VaultError);
      expect((error as VaultError).code).toBe("vault-key-invalid");
      if (text.length > 3) expect((error as VaultError).message).not.toContain(text);
    }
  });

  it("prefers the environment variable, and does not create a key file then", () => {
    const key = randomBytes(32);
    expect(resolveVaultKey({ keyFile, env: { [VAULT_KEY_ENV]: key.toString("base64") } }).equals(key)).toBe(true);
    expect(() => statSync(keyFile)).toThrow();
  });

  it("creates the key file once, owner-only, and reads the same key afterwards", () => {
    const first = resolveVaultKey({ keyFile, env: {} });
    expect(first.length).toBe(32);
    if (process.platform !== "win32") expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(resolveVaultKey({ keyFile, env: {} }).equals(first)).toBe(true);
    expect(readFileSync(keyFile, "utf8").trim()).toBe(first.toString("base64"));
  });

  it.skipIf(process.platform === "win32")("refuses a key file other users can read", () => {
    resolveVaultKey({ keyFile, env: {} });
    chmodSync(keyFile, 0o644);
    expect(() => resolveVaultKey({ keyFile, env: {} })).toThrow(/readable or writable by other users/);
  });
});
