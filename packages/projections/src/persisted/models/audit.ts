import { organizationOf } from "../../read-models/shared/domain-projection.js";
import { MODEL, type RowModel } from "./row-model.js";

/** [occurredAt, actor, action, stream, projectKey or null, the schedule an enable/disable changed or null]. */
export type AuditRowValue = [string, string, string, string, string | null, string | null];

/** Keys sort like positions: fixed width. */
export const auditKey = (position: number): string => String(position).padStart(16, "0");

/** One row per organization event, sorted by global position. */
export const auditRows: RowModel = {
  name: "audit-trail",
  apply(tx, event, recorded) {
    const organization = organizationOf(event);
    if (organization === undefined) return;
    const projectKey = (event.data as { readonly projectKey?: string }).projectKey ?? null;
    const schedule = event.type === "ScheduleEnabled" || event.type === "ScheduleDisabled" ? event.data.schedule : null;
    const value: AuditRowValue = [
      recorded.metadata.occurredAt,
      recorded.metadata.actor,
      event.type,
      recorded.streamName,
      projectKey,
      schedule,
    ];
    tx.put(MODEL.audit, organization, auditKey(recorded.globalPosition), value, recorded.globalPosition);
  },
};
