import { Writable } from "node:stream";
import { exportToNdjson, serializeEvent } from "@cloud-ledger/adapters/ndjson";
import { GENESIS_HASH, hashEvent, organizationStream, type NewEvent, type RecordedEvent } from "@cloud-ledger/domain";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { ALICE, BOB, acmeOrganization, createHarness } from "../domain-harness.js";

/** Lines of a valid NDJSON export (header first), without the final newline. */
export interface ValidLog {
  readonly lines: readonly string[];
  readonly organization: string;
}

/** A ULID-shaped id from a counter (unique per `prefix` letter). */
function syntheticUlid(prefix: string, n: number): string {
  const digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let text = "";
  for (let rest = n; text.length < 23; rest = Math.floor(rest / 32)) text = digits[rest % 32]! + text;
  return `01${prefix}${text}`;
}

/**
 * The acme organization (Alice signs up and creates it, Bob joins as a reader) recorded by the domain, then
 * `roleChanges` more MemberRoleChanged events for Bob (reader and maintainer in turn) chained onto the organization's
 * stream: a log every domain rule accepts, as long as needed.
 */
export async function acmeLog(roleChanges = 0): Promise<ValidLog> {
  const h = createHarness(11);
  const organization = await acmeOrganization(h);
  await h.ok(BOB, { type: "SignUpUser", githubUserId: "1002", login: "bob" });
  await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1002", role: "reader" });
  const stream = organizationStream(organization);
  let tip = (await h.store.readStream(stream, { direction: "backwards", limit: 1 }))[0]!;
  let version = tip.version;
  let previous = tip.hash;
  let role = "reader";
  for (let start = 0; start < roleChanges; start += 1000) {
    const batch: NewEvent[] = [];
    for (let i = start; i < Math.min(roleChanges, start + 1000); i += 1) {
      const next = role === "reader" ? "maintainer" : "reader";
      const unhashed = {
        streamName: stream,
        version: version + 1,
        eventId: syntheticUlid("K", i),
        type: "MemberRoleChanged",
        schemaVersion: 1,
        data: { organization, githubUserId: "1002", previousRole: role, role: next },
        metadata: {
          actor: ALICE,
          occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
          correlationId: `c-${i}`,
          causationId: `c-${i}`,
          commandId: `c-${i}`,
        },
      };
      const hash = hashEvent(previous, unhashed, nodeSha256Hex);
      batch.push({
        eventId: unhashed.eventId,
        type: unhashed.type,
        schemaVersion: 1,
        data: unhashed.data,
        metadata: unhashed.metadata,
        hash,
      });
      previous = hash;
      version += 1;
      role = next;
    }
    await h.store.append(stream, batch, { expectedVersion: version - batch.length });
  }
  tip = (await h.store.readStream(stream, { direction: "backwards", limit: 1 }))[0]!;
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await exportToNdjson(h.store, out);
  return { lines: Buffer.concat(chunks).toString("utf8").trimEnd().split("\n"), organization };
}

/** Re-links every stream's hash chain after edits, as a forger who knows the (unkeyed) chain would. */
export function rechain(lines: readonly string[]): string[] {
  const tips = new Map<string, string>();
  return lines.map((line, index) => {
    if (index === 0) return line;
    const event = JSON.parse(line) as RecordedEvent;
    const hash = hashEvent(tips.get(event.streamName) ?? GENESIS_HASH, event, nodeSha256Hex);
    tips.set(event.streamName, hash);
    return serializeEvent({ ...event, hash });
  });
}

/** Edits one event line's JSON object (then `rechain` to keep the chains valid). */
export function editEvent(
  lines: readonly string[],
  index: number,
  edit: (event: Record<string, unknown> & { data: Record<string, unknown> }) => void,
): string[] {
  return lines.map((line, i) => {
    if (i !== index) return line;
    const event = JSON.parse(line) as Record<string, unknown> & { data: Record<string, unknown> };
    edit(event);
    return JSON.stringify(event);
  });
}
