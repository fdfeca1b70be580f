import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { OrganizationState } from "../organization/state.js";
import type { ControlPlaneCommandType } from "../commands.js";
import type { Actor } from "./actor.js";
import { COMMAND_POLICIES, requiredRoleFor, roleAllows } from "./permissions.js";

const describe = (actor: Actor): string => (actor.kind === "user" ? `github:${actor.githubUserId}` : `system:${actor.name}`);

/**
 * May this actor issue this organization-scoped command? Members need a role holding the command's permission; the
 * platform may issue only the commands its policy lists, and where the policy names its actors, only those. A missing
 * organization reads as not-a-member for people, so nobody learns which billing account numbers exist.
 */
export function authorizeInOrganization(
  commandType: ControlPlaneCommandType,
  actor: Actor,
  organization: string,
  state: OrganizationState,
): Either<DomainError, void> {
  const policy = COMMAND_POLICIES[commandType];
  if (actor.kind === "system") {
    if (!policy.system)
      return left(DomainErrors.forbidden(describe(actor), `${commandType} must be issued by a member of the organization`));
    if (policy.systemNames !== undefined && !policy.systemNames.includes(actor.name)) {
      const named = policy.systemNames.map((name) => `system:${name}`).join(" or ");
      return left(DomainErrors.forbidden(describe(actor), `${commandType} is issued by ${named} among the platform's actors`));
    }
    if (state.status === "absent") return left(DomainErrors.organizationNotFound(organization));
    return right(undefined);
  }
  if (policy.member === undefined) return left(DomainErrors.forbidden(describe(actor), `${commandType} is issued by the platform only`));
  const role = state.status === "active" ? state.members.get(actor.githubUserId) : undefined;
  if (role === undefined) return left(DomainErrors.notAMember(organization, describe(actor)));
  if (!roleAllows(role, policy.member)) {
    return left(DomainErrors.insufficientRole(organization, describe(actor), role, requiredRoleFor(policy.member)));
  }
  return right(undefined);
}

/** For commands about a person's own identity: that person, or the platform. */
export function authorizeSelf(commandType: ControlPlaneCommandType, actor: Actor, githubUserId: string): Either<DomainError, void> {
  if (actor.kind === "system" || actor.githubUserId === githubUserId) return right(undefined);
  return left(DomainErrors.forbidden(describe(actor), `${commandType} concerns GitHub user ${githubUserId}, not the acting user`));
}
