import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fc } from "@fast-check/vitest";
import { createFileVault, VaultError, type VaultErrorCode } from "@cloud-ledger/adapters/vault";
import type { SecretRef } from "@cloud-ledger/domain";

let folder: string;
let file: string;
const key = randomBytes(32);
const ref: SecretRef = { organization: "01HQ0000000000000000000ACM", projectKey: "a".repeat(32), name: "TARGET_PASSWORD" };
const other: SecretRef = { ...ref, name: "TAP_GITHUB_AUTH_TOKEN" };

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-vault-"));
  file = path.join(folder, "secrets.vault");
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function expectVaultError(promise: Promise<unknown>, code: VaultErrorCode): Promise<VaultError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

type Document = {
  entries: { name: string; version: number; value: { iv: string; data: string; tag: string } | null }[];
  [k: string]: unknown;
};
const readDocument = () => JSON.parse(readFileSync(file, "utf8")) as Document;
const writeDocument = (document: Document) => writeFileSync(file, JSON.stringify(document));

describe("the file vault", () => {
  it("gives back every value it stored, and no file holds a value in plain text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 12, maxLength: 64, unit: "grapheme" }), async (value) => {
        rmSync(file, { force: true });
        const vault = createFileVault({ file, key });
        await vault.put(ref, value, { eventId: "e1", version: 3 });
        expect(await vault.get(ref)).toBe(value);
        const bytes = Buffer.concat(readdirSync(folder).map((name) => readFileSync(path.join(folder, name))));
        const utf8 = Buffer.from(value, "utf8");
        for (const encoded of [value, JSON.stringify(value).slice(1, -1), utf8.toString("base64"), utf8.toString("hex")]) {
          expect(bytes.includes(Buffer.from(encoded, "utf8"))).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("seals each write under a fresh IV, in a file only its owner can read, leaving no temporary file", async () => {
    const vault = createFileVault({ file, key });
    await vault.put(ref, "same-value-twice", { eventId: "e1", version: 1 });
    const first = readDocument().entries[0]!.value!;
    await vault.put(ref, "same-value-twice", { eventId: "e2", version: 2 });
    const second = readDocument().entries[0]!.value!;
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(["secrets.vault"]);
  });

  it("ignores a write of an event it holds, an older version, and a set older than a deletion", async () => {
    const vault = createFileVault({ file, key });
    await vault.put(ref, "value-at-5", { eventId: "e5", version: 5 });
    await vault.put(ref, "repeat-of-5", { eventId: "e5", version: 5 });
    await vault.put(ref, "older-at-4", { eventId: "e4", version: 4 });
    expect(await vault.get(ref)).toBe("value-at-5");
    await vault.delete(ref, { eventId: "e7", version: 7 });
    await vault.put(ref, "older-at-6", { eventId: "e6", version: 6 });
    expect(await vault.get(ref)).toBeUndefined();
    await vault.put(ref, "newer-at-8", { eventId: "e8", version: 8 });
    expect(await vault.get(ref)).toBe("newer-at-8");
    expect(await vault.refs()).toEqual([ref]);
  });

  it("keeps two ledgers' (scopes') entries apart", async () => {
    const first = createFileVault({ file, key, scope: "ledger-1" });
    const second = createFileVault({ file, key, scope: "ledger-2" });
    await first.put(ref, "value-of-ledger-1", { eventId: "e9", version: 9 });
    await second.put(ref, "value-of-ledger-2", { eventId: "x2", version: 2 });
    expect(await first.get(ref)).toBe("value-of-ledger-1");
    expect(await second.get(ref)).toBe("value-of-ledger-2");
  });

  it("refuses another key with a typed error, for reads and writes, and leaves the file as it was", async () => {
    await createFileVault({ file, key }).put(ref, "the-right-value", { eventId: "e1", version: 1 });
    const before = readFileSync(file);
    const stranger = createFileVault({ file, key: randomBytes(32) });
    await expectVaultError(stranger.get(ref), "vault-wrong-key");
    await expectVaultError(stranger.put(other, "another-value", { eventId: "e2", version: 2 }), "vault-wrong-key");
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  const tamperings: readonly [string, (document: Document) => void][] = [
    ["a flipped ciphertext byte", (d) => void (d.entries[0]!.value!.data = flip(d.entries[0]!.value!.data))],
    ["a changed IV", (d) => void (d.entries[0]!.value!.iv = flip(d.entries[0]!.value!.iv))],
    ["a raised version", (d) => void (d.entries[0]!.version += 100)],
    ["a renamed entry", (d) => void (d.entries[0]!.name = "OTHER_NAME")],
    ["swapped values", (d) => void ([d.entries[0]!.value, d.entries[1]!.value] = [d.entries[1]!.value, d.entries[0]!.value])],
    ["a deleted entry", (d) => void d.entries.splice(0, 1)],
    ["a value turned into a deletion", (d) => void (d.entries[0]!.value = null)],
  ];
  for (const [what, tamper] of tamperings) {
    it(`refuses a file with ${what} with a typed error, never a wrong value`, async () => {
      const vault = createFileVault({ file, key });
      await vault.put(ref, "value-number-one", { eventId: "e1", version: 1 });
      await vault.put(other, "value-number-two", { eventId: "e2", version: 2 });
      const document = readDocument();
      tamper(document);
      writeDocument(document);
      await expectVaultError(vault.get(ref), "vault-tampered");
      await expectVaultError(vault.get(other), "vault-tampered");
      await expectVaultError(vault.put(ref, "value-number-three", { eventId: "e3", version: 3 }), "vault-tampered");
    });
  }

  it("refuses a file that is not a vault with a typed error naming it", async () => {
    writeFileSync(file, '{"format":"cloud-ledger-vau');
    const error = await expectVaultError(createFileVault({ file, key }).get(ref), "vault-format");
    expect(error.message).toContain(file);
  });

  it("waits for a held lock, and fails with a typed error when it is held too long", async () => {
    const lock = `${file}.lock`;
    writeFileSync(lock, `${process.pid}\n`);
    const vault = createFileVault({ file, key, lock: { timeoutMs: 200 } });
    await expectVaultError(vault.put(ref, "locked-out-value", { eventId: "e1", version: 1 }), "vault-locked");
    setTimeout(() => rmSync(lock), 100);
    await createFileVault({ file, key, lock: { timeoutMs: 5_000 } }).put(ref, "after-the-lock", { eventId: "e1", version: 1 });
    expect(await vault.get(ref)).toBe("after-the-lock");
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    // A pid far above any real one (Linux caps at 2^22): kill(pid, 0) reports no such process.
    writeFileSync(`${file}.lock`, "2147483000\n");
    const vault = createFileVault({ file, key, lock: { timeoutMs: 500 } });
    await vault.put(ref, "after-a-crash", { eventId: "e1", version: 1 });
    expect(await vault.get(ref)).toBe("after-a-crash");
    expect(readdirSync(folder)).toEqual(["secrets.vault"]);
  });

  it("never takes over a lock of a process that still runs, but does one left empty for too long", async () => {
    const lock = `${file}.lock`;
    writeFileSync(lock, `${process.ppid} 0123456789abcdef\n`);
    await expectVaultError(
      createFileVault({ file, key, lock: { timeoutMs: 300 } }).put(ref, "not-while-held", { eventId: "e1", version: 1 }),
      "vault-locked",
    );
    writeFileSync(lock, "");
    await expectVaultError(
      createFileVault({ file, key, lock: { timeoutMs: 300, unnamedStaleMs: 60_000 } }).put(ref, "not-yet", { eventId: "e1", version: 1 }),
      "vault-locked",
    );
    await createFileVault({ file, key, lock: { timeoutMs: 2_000, unnamedStaleMs: 0 } }).put(ref, "after-an-empty-lock", {
      eventId: "e1",
      version: 1,
    });
    expect(await createFileVault({ file, key }).get(ref)).toBe("after-an-empty-lock");
  });
});

function flip(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString("base64");
}
