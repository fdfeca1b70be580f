import path from "node:path";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import {
  createControlPlane,
  type ControlPlane,
  type ControlPlaneCommand,
  type DispatchSuccess,
  type EventStore,
} from "@cloud-ledger/domain";
import { createMemoryGitResolver, manifestOf } from "@cloud-ledger/domain/testing";

export const ALICE = "github:1001";
const REPO = "https://github.com/acme/data";

export interface RunnerWorld {
  readonly store: EventStore;
  readonly controlPlane: ControlPlane;
  readonly organization: string;
  readonly projectKey: string;
  ok(actor: string, command: ControlPlaneCommand): Promise<DispatchSuccess>;
  /** Alice runs daily-transforms on prod; the new execution's id. */
  request(): Promise<string>;
  close(): Promise<void>;
}

/** The control plane over a SQLite ledger in `folder`: alice's acme organization with a prod deployment. */
export async function openRunnerWorld(folder: string, options: { readonly create: boolean }): Promise<RunnerWorld> {
  const store = openSqliteEventStore({ path: path.join(folder, "ledger.sqlite") });
  const git = createMemoryGitResolver();
  git.commit(REPO, "main", manifestOf({ environments: ["prod"], schedules: [{ name: "daily-transforms" }] }));
  const ids = createIdGenerator();
  const controlPlane = createControlPlane({ store, clock: createSystemClock(), ids, git });
  const ok = async (actor: string, command: ControlPlaneCommand) => {
    const result = await controlPlane.dispatch({ command, actor, commandId: ids.ulid() });
    if (result._tag === "Left") throw new Error(`${command.type} failed: ${JSON.stringify(result.left)}`);
    return result.right;
  };
  let organization = "";
  let projectKey = "";
  if (options.create) {
    await ok(ALICE, { type: "SignUpUser", githubUserId: "1001", login: "alice" });
    const created = await ok(ALICE, { type: "CreateOrganization", name: "acme" });
    for (const e of created.events) if (e.type === "OrganizationCreated") organization = e.data.organization;
    await ok(ALICE, { type: "InstallGitHubApp", organization, installationId: "42", account: "acme", accountType: "organization" });
    await ok(ALICE, { type: "GrantRepository", organization, installationId: "42", repositoryUrl: REPO });
    const project = await ok(ALICE, { type: "CreateProject", organization, name: "Acme Data Project", repositoryUrl: REPO });
    for (const e of project.events) if (e.type === "ProjectCreated") projectKey = e.data.projectKey;
    await ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
  }
  return {
    store,
    controlPlane,
    organization,
    projectKey,
    ok,
    async request() {
      const run = await ok(ALICE, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
      const requested = run.events.find((e) => e.type === "ExecutionRequested");
      if (requested?.type !== "ExecutionRequested") throw new Error("no execution requested");
      return requested.data.executionId;
    },
    close: () => store.close(),
  };
}
