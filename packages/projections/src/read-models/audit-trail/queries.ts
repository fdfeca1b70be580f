import type { BillingAccountNumber } from "@cloud-ledger/domain";
import { parseStreamName, streamKeyOf, type StreamKind } from "@cloud-ledger/domain";
import { instantArgument, limitArgument } from "../shared/query-error.js";
import type { AuditTrailState, OrganizationTrail } from "./projection.js";

export interface AuditEntity {
  readonly kind: StreamKind | "unknown";
  /** The entity's stable key, e.g. a project key or `<project key>.<deployment>`; the stream name if unknown. */
  readonly key: string;
  readonly streamName: string;
}

export interface AuditEntry {
  readonly position: number;
  readonly occurredAt: string;
  readonly actor: string;
  /** The event type: what was done. */
  readonly action: string;
  readonly entity: AuditEntity;
  /** The project the event concerns (its deployments and executions included), or null. */
  readonly projectKey: string | null;
  /** The schedule a ScheduleEnabled / ScheduleDisabled changed (its deployment is the entity); absent otherwise. */
  readonly schedule?: string;
}

export interface AuditQuery {
  /** Only this actor (`github:<id>` or `system:<name>`). */
  readonly actor?: string;
  /** Only this kind of entity, and with `key`, only that entity. */
  readonly entity?: { readonly kind: StreamKind; readonly key?: string };
  /** Only events about this project, its deployments and executions. */
  readonly projectKey?: string;
  /** Inclusive bounds on `occurredAt` (ISO-8601 with a zone). */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  /**
   * A page's cursor (rule 54): only entries beyond this global position in the chosen order — above it oldest first,
   * below it newest first.
   */
  readonly afterPosition?: number;
  /** Default oldest first (log order). */
  readonly order?: "oldest-first" | "newest-first";
}

function entityOf(streamName: string): AuditEntity {
  const id = parseStreamName(streamName);
  return id === undefined ? { kind: "unknown", key: streamName, streamName } : { kind: id.kind, key: streamKeyOf(id), streamName };
}

/** One organization's audit trail, filtered by actor, entity, project and time range. */
export function auditTrailOf(
  state: AuditTrailState,
  billingAccountNumber: BillingAccountNumber,
  query: AuditQuery = {},
): readonly AuditEntry[] {
  const from = query.from === undefined ? Number.NEGATIVE_INFINITY : instantArgument("from", query.from);
  const to = query.to === undefined ? Number.POSITIVE_INFINITY : instantArgument("to", query.to);
  const limit = limitArgument(query.limit);
  const trail: OrganizationTrail | undefined = state.trails.get(billingAccountNumber);
  if (trail === undefined) return [];
  // Filters on interned columns (actor, project) compare integers; a value never interned matches nothing.
  const idOf = (text: string | undefined): number | undefined => (text === undefined ? undefined : (state.ids.get(text) ?? -2));
  const actor = idOf(query.actor);
  const project = idOf(query.projectKey);
  const entities = new Map<string, AuditEntity>();
  const entity = (i: number): AuditEntity => {
    const stream = trail.entities[i] as string;
    let e = entities.get(stream);
    if (e === undefined) {
      e = entityOf(stream);
      entities.set(stream, e);
    }
    return e;
  };
  const out: AuditEntry[] = [];
  const n = trail.positions.length;
  const newestFirst = query.order === "newest-first";
  const beyond = query.afterPosition ?? (newestFirst ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
  for (let k = 0; k < n && out.length < limit; k++) {
    const i = newestFirst ? n - 1 - k : k;
    if (newestFirst ? (trail.positions[i] as number) >= beyond : (trail.positions[i] as number) <= beyond) continue;
    if (actor !== undefined && trail.actors[i] !== actor) continue;
    if (project !== undefined && trail.projects[i] !== project) continue;
    if (query.entity !== undefined) {
      const e = entity(i);
      if (e.kind !== query.entity.kind || (query.entity.key !== undefined && e.key !== query.entity.key)) continue;
    }
    const occurredAt = trail.times[i] as string;
    if (query.from !== undefined || query.to !== undefined) {
      const at = Date.parse(occurredAt);
      if (!(at >= from && at <= to)) continue;
    }
    const projectId = trail.projects[i] as number;
    const scheduleId = trail.schedules[i] ?? -1;
    const entry: AuditEntry = {
      position: trail.positions[i] as number,
      occurredAt,
      actor: state.strings[trail.actors[i] as number] as string,
      action: state.strings[trail.actions[i] as number] as string,
      entity: entity(i),
      projectKey: projectId < 0 ? null : (state.strings[projectId] as string),
    };
    out.push(scheduleId < 0 ? entry : { ...entry, schedule: state.strings[scheduleId] as string });
  }
  return out;
}
