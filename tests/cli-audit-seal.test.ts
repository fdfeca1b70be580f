import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { generateKeyPairSync } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashEvent, type JsonValue } from "@cloud-ledger/domain";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";
import { createAcmeGitRepository, json, ok, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";

// Anchored heads on SQLite: a seal signed with the operator's Ed25519 key catches what hash chains alone cannot see
// (the newest events of a stream deleted, a whole stream deleted, a tail rewritten with fresh hashes), while the
// unkeyed `audit verify` keeps working and events appended after the seal are fine.
let folder: string;
let sealed: ScenarioOptions;
let repository: string;
let executionId: string;
let keys: { readonly privateKey: string; readonly publicKey: string; readonly otherPublicKey: string };
let sealFile: string;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-seal-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  sealed = { home: path.join(folder, "sealed"), repository };
  mkdirSync(sealed.home);
  ({ executionId } = playAcmeScenario(sealed));
  const pem = (): { privateKey: string; publicKey: string } =>
    generateKeyPairSync("ed25519", {
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
  const operator = pem();
  keys = { ...operator, otherPublicKey: pem().publicKey };
  for (const [name, text] of [
    ["operator.key", keys.privateKey],
    ["operator.pub", keys.publicKey],
    ["other.pub", keys.otherPublicKey],
  ] as const) {
    writeFileSync(path.join(folder, name), text);
  }
  sealFile = path.join(folder, "head.seal.json");
  ok(["audit", "seal", "--private-key", path.join(folder, "operator.key"), "--output", sealFile], sealed);
}, 900_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

/** A copy of the sealed ledger (store and session) to tamper with. */
function copy(name: string): ScenarioOptions {
  const home = path.join(folder, name);
  cpSync(sealed.home, home, { recursive: true });
  return { home, repository };
}

function withDb<T>(options: ScenarioOptions, action: (db: Database.Database) => T): T {
  const db = new Database(path.join(options.home, "ledger.sqlite"));
  try {
    return action(db);
  } finally {
    db.close();
  }
}

const verifyAgainstSeal = (options: ScenarioOptions, publicKey = "operator.pub") =>
  runCli(["audit", "verify", "--seal", sealFile, "--public-key", path.join(folder, publicKey)], { home: options.home });

describe("audit seal and audit verify --seal on SQLite (rule L3: what hash chains alone cannot catch)", { timeout: 300_000 }, () => {
  it("writes a signed statement of the head and refuses to overwrite it", () => {
    const seal = JSON.parse(readFileSync(sealFile, "utf8")) as {
      statement: { format: string; position: number; events: number; tipsDigest: string };
    };
    expect(seal.statement).toMatchObject({ format: "cloud-ledger-seal/1" });
    expect(seal.statement.position).toBe(seal.statement.events);
    expect(seal.statement.tipsDigest).toMatch(/^[0-9a-f]{64}$/);
    const again = runCli(["audit", "seal", "--private-key", path.join(folder, "operator.key"), "--output", sealFile], {
      home: sealed.home,
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("Cannot write the seal");
  });

  it("passes on the sealed ledger, also after later events are appended", () => {
    expect(verifyAgainstSeal(sealed)).toMatchObject({ status: 0 });
    const grown = copy("grown");
    ok(["schedule", "enable", "--schedule", "hourly-github-sync", "--as", "bob"], grown);
    const run = verifyAgainstSeal(grown);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("is the one sealed at");
  });

  it("refuses a seal that another key signed, or an edited seal", () => {
    const other = verifyAgainstSeal(sealed, "other.pub");
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("does not verify with this public key");
    const edited = JSON.parse(readFileSync(sealFile, "utf8")) as { statement: { position: number } };
    edited.statement.position -= 1;
    const editedFile = path.join(folder, "edited.seal.json");
    writeFileSync(editedFile, JSON.stringify(edited));
    const run = runCli(["audit", "verify", "--seal", editedFile, "--public-key", path.join(folder, "operator.pub")], { home: sealed.home });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("does not verify with this public key");
  });

  const tampers: readonly [string, (db: Database.Database) => void][] = [
    ["the newest event deleted", (db) => db.prepare("DELETE FROM events WHERE position = (SELECT MAX(position) FROM events)").run()],
    ["a whole stream deleted", (db) => db.prepare("DELETE FROM events WHERE stream = ?").run(`execution-${executionId}`)],
    [
      "a stream's tail rewritten with fresh hashes",
      (db) => {
        // The run's result flipped to a failure, its hash recomputed from the previous link: every chain still holds.
        const rows = db.prepare("SELECT * FROM events WHERE stream = ? ORDER BY version").all(`execution-${executionId}`) as {
          stream: string;
          version: number;
          event_id: string;
          type: string;
          schema_version: number;
          data: string;
          metadata: string;
          hash: string;
        }[];
        const last = rows.at(-1)!;
        const data = { ...(JSON.parse(last.data) as Record<string, JsonValue>), exitCode: 1 };
        const metadata = JSON.parse(last.metadata) as Parameters<typeof hashEvent>[1]["metadata"];
        const event = {
          streamName: last.stream,
          version: last.version,
          eventId: last.event_id,
          type: last.type,
          schemaVersion: last.schema_version,
          data,
          metadata,
        };
        const hash = hashEvent(rows.at(-2)!.hash, event);
        db.prepare("UPDATE events SET data = ?, hash = ? WHERE stream = ? AND version = ?").run(
          JSON.stringify(data),
          hash,
          last.stream,
          last.version,
        );
      },
    ],
  ];

  it.each(tampers)("%s: the unkeyed audit cannot tell, the seal does", (name, tamper) => {
    const tampered = copy(name.replace(/\W+/g, "-"));
    withDb(tampered, tamper);
    expect(json<{ ok: boolean }>(["audit", "verify"], tampered).ok).toBe(true);
    const run = verifyAgainstSeal(tampered);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Audit failed against the seal");
    expect(run.stderr).toContain("is not what was sealed");
  });

  it("needs --seal and --public-key together", () => {
    const run = runCli(["audit", "verify", "--seal", sealFile], { home: sealed.home });
    expect(run.status).toBe(2);
  });
});
