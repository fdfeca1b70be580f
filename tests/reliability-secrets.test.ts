import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { Writable } from "node:stream";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { exportToNdjson } from "@cloud-ledger/adapters/ndjson";
import { createControlPlane, verifyStore, type ControlPlaneCommand, type EventStore, type SecretVault } from "@cloud-ledger/domain";
import { readModelsAsOf } from "@cloud-ledger/projections";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  resolveScenarioStep,
  scenarioStepArbitrary,
  type ScenarioDispatch,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 8, secrets: set secrets with random values through the control plane — by people allowed to and people who
 * are not, with valid and broken commands, among unrelated commands — then search every byte the system produced
 * (stored events, their JSON, an NDJSON export, read models, audit verification, results, errors, thrown errors,
 * console and process output) for each value and its usual encodings. None may appear; only the vault holds values.
 */

const universe = defaultScenarioUniverse;

/** Values unlikely to occur by chance (at least 12 characters), including non-ASCII and JSON-escaped characters. */
const secretValue = fc.string({
  unit: fc.constantFrom(..."abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!~*'()\"\\/ é€🙂\n\t"),
  minLength: 12,
  maxLength: 40,
});

/** The encodings a careless system might write a value in. */
function encodingsOf(value: string): string[] {
  const utf8 = Buffer.from(value, "utf8");
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    utf8.toString("base64"),
    utf8.toString("base64url"),
    utf8.toString("hex"),
    encodeURIComponent(value),
    createHash("sha256").update(value).digest("hex"),
  ].filter((e) => e.length >= 12);
}

function serialize(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Map ? [...(v as Map<unknown, unknown>)] : v instanceof Set ? [...(v as Set<unknown>)] : v,
    ) ?? ""
  );
}

async function ndjsonOf(store: EventStore): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportToNdjson(store, sink);
  return Buffer.concat(chunks).toString("utf8");
}

let captured: string[] = [];
beforeEach(() => {
  captured = [];
  const record = (...args: unknown[]) => {
    captured.push(args.map((a) => (typeof a === "string" ? a : serialize(a))).join(" "));
  };
  for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation(record);
  const write = (chunk: unknown) => {
    captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(write);
  vi.spyOn(process.stderr, "write").mockImplementation(write);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const VALID_NAMES = ["TAP_GITHUB_AUTH_TOKEN", "TARGET_PASSWORD", "GIT_SSH_PRIVATE_KEY"];

/** One way to hand a value to the system: a valid SetSecret, a refused one, or one with a broken field. */
const secretAttempt = fc.record({
  project: fc.constantFrom(...universe.projects),
  who: fc.constantFrom("owner", "maintainer", "reader", "outsider", "other-owner", "system"),
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...VALID_NAMES) },
    { weight: 1, arbitrary: fc.constantFrom("1BAD", "bad-name", "", "A".repeat(300)) },
  ),
  breakage: fc.constantFrom("none", "none", "none", "extra-field", "bad-project", "nul-in-name"),
});

describe("secret values", () => {
  it("appear in no event, export, read model, result, error, thrown error or console output", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(secretAttempt, secretValue), { minLength: 1, maxLength: 8 }),
        fc.array(
          scenarioStepArbitrary(universe).filter((s) => s.kind !== "push"),
          { maxLength: 10 },
        ),
        async (attempts, noise) => {
          captured = [];
          const store = createMemoryEventStore();
          const vaulted: string[] = [];
          const vault: SecretVault = {
            put: (_ref, value) => Promise.resolve(void vaulted.push(value)),
            delete: () => Promise.resolve(),
          };
          const plane = createControlPlane({
            store,
            clock: createCountingClock(),
            ids: createCountingIds(6),
            git: createScenarioGit(universe).git,
            vault,
          });
          await bootstrapScenario(plane, universe);
          const produced: string[] = [];
          let n = 0;
          const send = async (d: ScenarioDispatch) => {
            try {
              produced.push(serialize(await plane.dispatch({ ...d, commandId: `secret-${++n}`, correlationId: `c-${n}` })));
            } catch (error) {
              produced.push(String(error), serialize(error), error instanceof Error ? (error.stack ?? "") : "");
            }
          };
          const world = {
            executions: [],
            deployments: universe.initialDeployments.map((d) => ({
              projectKey: d.projectKey,
              deployment: d.name,
              schedules: universe.schedules,
            })),
          };
          let noiseIndex = 0;
          for (const [attempt, value] of attempts) {
            const organization = universe.organizations.find((o) => o.billingAccountNumber === attempt.project.organization)!;
            const other = universe.organizations.find((o) => o !== organization)!;
            const actor = {
              owner: `github:${organization.owner}`,
              maintainer: `github:${organization.maintainer}`,
              reader: `github:${organization.reader}`,
              outsider: `github:${universe.outsider}`,
              "other-owner": `github:${other.owner}`,
              system: "system:platform",
            }[attempt.who];
            const command = {
              type: "SetSecret",
              organization: organization.billingAccountNumber,
              projectKey: attempt.breakage === "bad-project" ? "f".repeat(32) : attempt.project.projectKey,
              name: attempt.breakage === "nul-in-name" ? `${attempt.name}\u0000` : attempt.name,
              value,
              ...(attempt.breakage === "extra-field" ? { secretValueAgain: value } : {}),
            } as ControlPlaneCommand;
            await send({ actor, command });
            const step = noise[noiseIndex++];
            if (step !== undefined) await send(resolveScenarioStep(step, universe, world));
          }
          const events = await store.readAll();
          produced.push(
            ...events.map((e) => serialize(e)),
            await ndjsonOf(store),
            serialize(await verifyStore(store)),
            serialize(await readModelsAsOf(store)),
          );
          const everything = [...produced, ...captured].join("\n");
          for (const [, value] of attempts) {
            for (const encoded of encodingsOf(value)) {
              expect(everything.includes(encoded), `secret value (as ${JSON.stringify(encoded)}) leaked`).toBe(false);
            }
          }
          // The values did reach the vault when the command was allowed (the search above is not vacuous).
          const allowed = attempts.filter(
            ([a]) => (a.who === "owner" || a.who === "maintainer") && a.breakage === "none" && VALID_NAMES.includes(a.name),
          );
          for (const [, value] of allowed) expect(vaulted).toContain(value);
          expect(events.some((e) => e.type === "SecretSet") || allowed.length === 0).toBe(true);
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it("appear nowhere in the bytes of a SQLite store's files (database, WAL, shared memory)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...universe.projects), fc.constantFrom(...VALID_NAMES), secretValue), {
          minLength: 1,
          maxLength: 5,
        }),
        async (secrets) => {
          const dir = mkdtempSync(path.join(tmpdir(), "cloud-ledger-secrets-"));
          try {
            const store = openSqliteEventStore({ path: path.join(dir, "ledger.db"), synchronous: "NORMAL" });
            const plane = createControlPlane({
              store,
              clock: createCountingClock(),
              ids: createCountingIds(7),
              git: createScenarioGit(universe).git,
            });
            await bootstrapScenario(plane, universe);
            let n = 0;
            for (const [project, name, value] of secrets) {
              const organization = universe.organizations.find((o) => o.billingAccountNumber === project.organization)!;
              for (const actor of [`github:${organization.maintainer}`, `github:${organization.reader}`]) {
                await plane.dispatch({
                  actor,
                  commandId: `s-${++n}`,
                  command: {
                    type: "SetSecret",
                    organization: organization.billingAccountNumber,
                    projectKey: project.projectKey,
                    name,
                    value,
                  },
                });
              }
            }
            expect((await store.readAll()).filter((e) => e.type === "SecretSet").length).toBe(secrets.length);
            await store.close();
            const bytes = Buffer.concat(readdirSync(dir).map((file) => readFileSync(path.join(dir, file))));
            for (const [, , value] of secrets) {
              for (const encoded of encodingsOf(value))
                expect(bytes.includes(Buffer.from(encoded, "utf8")), `leaked as ${JSON.stringify(encoded)}`).toBe(false);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
