import type { DomainEvent } from "@cloud-ledger/domain";
import type { Projection } from "../../runner/projection.js";

/** A read model over the domain's events. */
export type DomainProjection<S> = Projection<S, DomainEvent>;

/** The organization (billing account number) an event belongs to; undefined for user events, which no tenant owns. */
export function organizationOf(event: DomainEvent): string | undefined {
  const data = event.data as { readonly organization?: string };
  return data.organization;
}

/** Ascending code-unit order: the same in every locale, so query results are deterministic. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
