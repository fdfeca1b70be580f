import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { VaultError } from "./vault-error.js";
import type { SealedValue } from "./vault-entry.js";

/** Separate keys for sealing values and for the file's MAC, both derived from the one operator key. */
export interface VaultKeys {
  readonly seal: Buffer;
  readonly mac: Buffer;
}

export function deriveVaultKeys(operatorKey: Uint8Array): VaultKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", operatorKey, "cloud-ledger-vault", purpose, 32));
  return { seal: derive("aes-256-gcm values"), mac: derive("hmac-sha256 file") };
}

export function macOf(keys: VaultKeys, text: string): string {
  return createHmac("sha256", keys.mac).update(text, "utf8").digest("base64");
}

/** A MAC of a fixed text: lets a reader tell "another key wrote this file" from "this file was edited". */
export function keyCheckOf(keys: VaultKeys): string {
  return macOf(keys, "cloud-ledger-vault key check");
}

export function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Seals a value with a fresh random IV; `binding` (the entry's identity) is authenticated with it. */
export function sealValue(keys: VaultKeys, value: string, binding: string): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.seal, iv);
  cipher.setAAD(Buffer.from(binding, "utf8"));
  const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return { iv: iv.toString("base64"), data: data.toString("base64"), tag: cipher.getAuthTag().toString("base64") };
}

export function openValue(keys: VaultKeys, sealed: SealedValue, binding: string, where: string): string {
  try {
    const decipher = createDecipheriv("aes-256-gcm", keys.seal, Buffer.from(sealed.iv, "base64"));
    decipher.setAAD(Buffer.from(binding, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new VaultError("vault-tampered", `The vault value of ${where} fails authentication: it was altered or moved.`);
  }
}
