import type { EventStore } from "@cloud-ledger/domain";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import { createControlPlaneClient } from "../runtime/control-plane-client.js";
import type { Identity } from "../session/session-file.js";
import type { AcmeRepository } from "./acme-repository.js";

export const ALICE: Identity = { githubUserId: "5830001", login: "alice-acme" };
export const BOB: Identity = { githubUserId: "5830002", login: "bob-acme" };
export const PROJECT_NAME = "Acme Data Project";

export interface StoryOutcome {
  readonly organization: string;
  readonly projectKey: string;
  readonly executionId: string;
  /** One line per step, for the narration. */
  readonly steps: readonly string[];
}

function eventData(events: readonly { readonly type: string; readonly data: unknown }[], type: string): Record<string, unknown> {
  const event = events.find((candidate) => candidate.type === type);
  if (event === undefined) throw new Error(`The demo expected a ${type} event`);
  return event.data as Record<string, unknown>;
}

/**
 * The seed's story, played through the real control plane: the Acme organization, its project in a git repository,
 * `prod` and `staging` deployments, `daily-transforms` enabled on `prod` only, a run, and a regenerated internal ID.
 * Ids and times are seeded, so every run tells it the same way.
 */
export async function playAcmeStory(store: EventStore, repository: AcmeRepository): Promise<StoryOutcome> {
  const clock = createSteppingClock("2023-06-01T09:15:00.000Z", 7_000);
  const client = createControlPlaneClient({ store, clock, ids: createSeededIdGenerator(2023, clock) });
  const steps: string[] = [];
  const step = (text: string): void => {
    steps.push(text);
  };

  const created = await client.dispatch(ALICE, { type: "CreateOrganization", name: "acme" });
  const organization = String(eventData(created.events, "OrganizationCreated").organization);
  step(`alice-acme signs in with GitHub and creates the organization 'acme' (billing account ${organization})`);
  await client.dispatch(ALICE, {
    type: "InstallGitHubApp",
    organization,
    installationId: "4242",
    account: "acme",
    accountType: "organization",
  });
  await client.dispatch(ALICE, { type: "GrantRepository", organization, installationId: "4242", repositoryUrl: repository.url });
  step(`alice-acme installs the GitHub App and grants it ${repository.url}`);
  const project = await client.dispatch(ALICE, { type: "CreateProject", organization, name: PROJECT_NAME, repositoryUrl: repository.url });
  const projectKey = String(eventData(project.events, "ProjectCreated").projectKey);
  step(`alice-acme creates the project '${PROJECT_NAME}' (root path '.')`);
  await client.dispatch(BOB, { type: "SignUpUser", githubUserId: BOB.githubUserId, login: BOB.login });
  await client.dispatch(ALICE, { type: "AddMember", organization, githubUserId: BOB.githubUserId, role: "maintainer" });
  step("alice-acme adds bob-acme as a maintainer");

  for (const environment of ["prod", "staging"]) {
    await client.dispatch(BOB, { type: "CreateDeployment", organization, projectKey, name: environment, environment, gitRev: "main" });
    step(
      `bob-acme deploys the '${environment}' environment from branch main (commit ${repository.commit.slice(0, 7)}); every ` +
        `schedule starts disabled`,
    );
  }
  await client.dispatch(BOB, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
  step("bob-acme enables daily-transforms on prod only");
  await client.dispatch(BOB, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "hourly-github-sync" });
  step("bob-acme enables hourly-github-sync on prod");

  const run = await client.dispatch(BOB, {
    type: "RunSchedule",
    organization,
    projectKey,
    deployment: "prod",
    schedule: "daily-transforms",
  });
  const executionId = String(eventData(run.events, "ExecutionRequested").executionId);
  await client.dispatchAsSystem("runner", { type: "StartExecution", organization, projectKey, executionId });
  await client.dispatchAsSystem("runner", { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 });
  step(`bob-acme runs daily-transforms on prod now; the runner reports execution ${executionId} started and succeeded`);

  const regenerated = await client.dispatchAsSystem("platform", { type: "RegenerateProjectId", organization, projectKey });
  const ids = eventData(regenerated.events, "ProjectIdRegenerated");
  step(
    `the platform regenerates the project's internal ID ${String(ids.previousInternalId)} → ${String(ids.internalId)} ` +
      `(nothing else changes: every reference uses stable keys)`,
  );
  return { organization, projectKey, executionId, steps };
}
