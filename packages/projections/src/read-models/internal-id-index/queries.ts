import type { BillingAccountNumber } from "@cloud-ledger/domain";
import type { InternalIdIndexState, InternalIdRecord } from "./projection.js";

export type InternalIdEntity =
  | { readonly kind: "organization"; readonly organization: string }
  | { readonly kind: "project"; readonly organization: string; readonly projectKey: string };

export interface InternalIdHistoryEntry {
  readonly internalId: string;
  readonly assignedAt: string;
  readonly retiredAt: string | null;
  readonly replacedBy: string | null;
}

function entityOf(record: InternalIdRecord): InternalIdEntity {
  return record.projectKey === null
    ? { kind: "organization", organization: record.organization }
    : { kind: "project", organization: record.organization, projectKey: record.projectKey };
}

/**
 * The entity a current internal id names within the organization. A retired id resolves to nothing (see
 * `internalIdHistoryOf` for when it was retired), and so does an id of another organization.
 */
export function resolveInternalId(
  state: InternalIdIndexState,
  billingAccountNumber: BillingAccountNumber,
  internalId: string,
): InternalIdEntity | undefined {
  const record = state.get(internalId);
  if (record === undefined || record.organization !== billingAccountNumber || record.retiredAt !== null) return undefined;
  return entityOf(record);
}

/** An id's own record (current or retired) within the organization, or undefined. */
export function internalIdRecordOf(
  state: InternalIdIndexState,
  billingAccountNumber: BillingAccountNumber,
  internalId: string,
): (InternalIdHistoryEntry & { readonly entity: InternalIdEntity }) | undefined {
  const record = state.get(internalId);
  if (record === undefined || record.organization !== billingAccountNumber) return undefined;
  return {
    internalId,
    assignedAt: record.assignedAt,
    retiredAt: record.retiredAt,
    replacedBy: record.replacedBy,
    entity: entityOf(record),
  };
}

/** Every id an organization or one of its projects has had, oldest first; the last one is current. */
export function internalIdHistoryOf(state: InternalIdIndexState, entity: InternalIdEntity): readonly InternalIdHistoryEntry[] {
  const projectKey = entity.kind === "project" ? entity.projectKey : null;
  const out: InternalIdHistoryEntry[] = [];
  for (const [internalId, r] of state) {
    if (r.organization === entity.organization && r.projectKey === projectKey) {
      out.push({ internalId, assignedAt: r.assignedAt, retiredAt: r.retiredAt, replacedBy: r.replacedBy });
    }
  }
  return out;
}
