import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { left, right, type Either } from "fp-ts/lib/Either.js";
import { sealStatementText, type SealFile, type SealStatement } from "@cloud-ledger/domain";

function ed25519(read: () => KeyObject, what: string): Either<string, KeyObject> {
  let key: KeyObject;
  try {
    key = read();
  } catch (error) {
    return left(`the ${what} is not a PEM key (${error instanceof Error ? error.message : String(error)})`);
  }
  return key.asymmetricKeyType === "ed25519" ? right(key) : left(`the ${what} is a ${String(key.asymmetricKeyType)} key, not Ed25519`);
}

/** Signs a ledger head with the operator's Ed25519 private key (PEM, PKCS#8). */
export function signSeal(statement: SealStatement, privateKeyPem: string): Either<string, SealFile> {
  const key = ed25519(() => createPrivateKey(privateKeyPem), "private key");
  if (key._tag === "Left") return key;
  const signature = sign(null, Buffer.from(sealStatementText(statement), "utf8"), key.right).toString("base64");
  return right({ statement, signature });
}

/** The sealed statement when the signature is the public key's over exactly that statement; otherwise why not. */
export function verifySeal(file: SealFile, publicKeyPem: string): Either<string, SealStatement> {
  const key = ed25519(() => createPublicKey(publicKeyPem), "public key");
  if (key._tag === "Left") return key;
  const signed = verify(null, Buffer.from(sealStatementText(file.statement), "utf8"), key.right, Buffer.from(file.signature, "base64"));
  if (signed) return right(file.statement);
  return left("the seal's signature does not verify with this public key (a forged or edited seal, or another key)");
}
