import type { BillingAccountNumber, RecordedDomainEvent } from "@cloud-ledger/domain";
import { foldDispatched } from "../shared/fold-dispatched.js";
import { organizationDirectory } from "./projection.js";
import { organizationView, type OrganizationView } from "./queries.js";
import type { OrganizationDirectoryState } from "./state.js";

/** The directory state holding only this organization, as its view shows it (the inverse of `organizationView`). */
function stateOf(before: OrganizationView | undefined): OrganizationDirectoryState {
  const state: OrganizationDirectoryState = { organizations: new Map(), logins: new Map() };
  if (before === undefined) return state;
  state.organizations.set(before.billingAccountNumber, {
    name: before.name,
    internalId: before.internalId,
    createdAt: before.createdAt,
    members: new Map(before.members.map((m) => [m.githubUserId, m.role])),
    installations: new Map(
      before.installations.map((i) => [
        i.installationId,
        { account: i.account, accountType: i.accountType, repositories: new Set(i.repositories) },
      ]),
    ),
  });
  for (const m of before.members) if (m.login !== undefined) state.logins.set(m.githubUserId, m.login);
  return state;
}

/**
 * An organization's view after a command's events, from its view before them (undefined for a new organization):
 * the directory's own fold and query, so a write command answers from its result without catching the read models up
 * (issue 13). `logins` are members' current logins the caller knows that neither the view nor the events carry
 * (a member added by id who signed up earlier, the acting user whose sign-up this command recorded).
 */
export function organizationViewAfter(
  billingAccountNumber: BillingAccountNumber,
  before: OrganizationView | undefined,
  events: readonly RecordedDomainEvent[],
  logins: ReadonlyMap<string, string> = new Map(),
): OrganizationView | undefined {
  const state = stateOf(before);
  for (const [githubUserId, login] of logins) state.logins.set(githubUserId, login);
  return organizationView(foldDispatched(organizationDirectory, state, events), billingAccountNumber);
}
