import { right } from "fp-ts/lib/Either.js";
import type { CommandOf } from "../../commands.js";
import { DomainErrors } from "../../errors.js";
import { organizationEventSerde, organizationNameEventSerde, userEventSerde } from "../../events.js";
import { authorizeSelf } from "../../authorization/authorize.js";
import { organizationDecider } from "../../organization/decider.js";
import { organizationNameDecider } from "../../organization/name-decider.js";
import { checkOrganizationName } from "../../organization/name-rules.js";
import { userDecider } from "../../user/decider.js";
import { organizationNameStream, organizationStream, userStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";

async function userCommand(run: Dispatch, command: CommandOf<"SignUpUser"> | CommandOf<"ChangeUserLogin">): Step<DispatchSuccess> {
  const allowed = authorizeSelf(command.type, run.actor, command.githubUserId);
  if (allowed._tag === "Left") return rejected(allowed.left);
  const done = await run.exec(userStream(command.githubUserId), userDecider, userEventSerde, command);
  return done._tag === "Left" ? done : run.success();
}

async function requireUser(run: Dispatch, githubUserId: string): Step<void> {
  const user = await run.load(userStream(githubUserId), userDecider, userEventSerde);
  if (user._tag === "Left") return user;
  return user.right.state.status === "active" ? right(undefined) : rejected(DomainErrors.userNotFound(githubUserId));
}

/**
 * Claims the name (globally unique), then creates the organization. The billing account number is the command's, or
 * issued here; a retried command finds its own claim and reuses the number it issued the first time.
 */
async function createOrganization(run: Dispatch, command: CommandOf<"CreateOrganization">): Step<DispatchSuccess> {
  const actor = run.actor;
  let owner: string;
  if (actor.kind === "user") {
    if (command.owner !== undefined && command.owner !== actor.githubUserId) {
      return rejected(DomainErrors.forbidden(`github:${actor.githubUserId}`, "a person can only create an organization they own"));
    }
    owner = actor.githubUserId;
  } else {
    if (command.owner === undefined)
      return rejected(DomainErrors.invalidCommand("owner", "GithubUserId", "The platform must name the owner of a new organization."));
    owner = command.owner;
  }
  const name = checkOrganizationName(command.name);
  if (name._tag === "Left") return rejected(name.left);
  const ownerExists = await requireUser(run, owner);
  if (ownerExists._tag === "Left") return ownerExists;

  let organization = command.billingAccountNumber ?? run.ports.ids.ulid();
  if (command.billingAccountNumber !== undefined) {
    const existing = await run.load(organizationStream(organization), organizationDecider, organizationEventSerde, { seen: true });
    if (existing._tag === "Left") return existing;
    if (existing.right.state.status === "active" && existing.right.byCommand.length === 0) {
      return rejected(DomainErrors.organizationAlreadyExists(organization));
    }
  }
  // A number issued here names a new stream: declared now that it is known.
  if (command.billingAccountNumber === undefined) await run.readAhead([organizationStream(organization)]);
  const claimCommand = { type: "ClaimOrganizationName" as const, name: name.right, organization };
  const internalId = run.ports.ids.ulid();
  const create = (claimedBy: string | undefined) => ({
    type: "CreateOrganization" as const,
    organization: claimedBy ?? organization,
    name: name.right,
    internalId,
    owner,
  });
  // On a store with multi-stream appends, the claim and the organization land together; a retried command that finds
  // its claim (from an older, interrupted write too) creates the organization the claim names.
  if (run.atomicPairs) {
    const claimed = organizationNameStream(name.right);
    const done = await run.execPair(
      { streamName: claimed, decider: organizationNameDecider, serde: organizationNameEventSerde, command: claimCommand },
      {
        streamName: (claim) => organizationStream(claim.claimedBy ?? organization),
        decider: organizationDecider,
        serde: organizationEventSerde,
        follow: (claim) => create(claim.claimedBy),
      },
    );
    return done._tag === "Left" ? done : run.success();
  }
  const claim = await run.exec(organizationNameStream(name.right), organizationNameDecider, organizationNameEventSerde, claimCommand);
  if (claim._tag === "Left") return claim;
  if (claim.right.duplicate && claim.right.state.claimedBy !== undefined) organization = claim.right.state.claimedBy;

  const created = await run.exec(organizationStream(organization), organizationDecider, organizationEventSerde, create(organization));
  return created._tag === "Left" ? created : run.success();
}

type OrganizationScoped =
  | CommandOf<"AddMember">
  | CommandOf<"ChangeMemberRole">
  | CommandOf<"RemoveMember">
  | CommandOf<"InstallGitHubApp">
  | CommandOf<"GrantRepository">
  | CommandOf<"RevokeRepository">
  | CommandOf<"UninstallGitHubApp">
  | CommandOf<"RegenerateOrganizationId">;

async function organizationCommand(run: Dispatch, command: OrganizationScoped): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  if (command.type === "AddMember") {
    const exists = await requireUser(run, command.githubUserId);
    if (exists._tag === "Left") return exists;
  }
  const decision =
    command.type === "RegenerateOrganizationId"
      ? { type: "RegenerateOrganizationId" as const, organization: command.organization, internalId: run.ports.ids.ulid() }
      : command;
  const done = await run.exec(organizationStream(command.organization), organizationDecider, organizationEventSerde, decision);
  return done._tag === "Left" ? done : run.success();
}

export const userFlow: DeclaredFlow<CommandOf<"SignUpUser"> | CommandOf<"ChangeUserLogin">> = {
  streams: (command) => [userStream(command.githubUserId)],
  run: userCommand,
};

export const createOrganizationFlow: DeclaredFlow<CommandOf<"CreateOrganization">> = {
  streams(command, run) {
    const owner = command.owner ?? (run.actor.kind === "user" ? run.actor.githubUserId : undefined);
    const name = checkOrganizationName(command.name);
    return [
      ...(owner === undefined ? [] : [userStream(owner)]),
      ...(command.billingAccountNumber === undefined ? [] : [organizationStream(command.billingAccountNumber)]),
      ...(name._tag === "Right" ? [organizationNameStream(name.right)] : []),
    ];
  },
  run: createOrganization,
};

export const organizationFlow: DeclaredFlow<OrganizationScoped> = {
  streams: (command) => [
    organizationStream(command.organization),
    ...(command.type === "AddMember" ? [userStream(command.githubUserId)] : []),
  ],
  run: organizationCommand,
};
