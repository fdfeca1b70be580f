// Embedding cloud-ledger in a service: the control plane over an event store, real git, and read models.
// Run it with the path (or file:// URL) of a git repository holding a Meltano project: `node embed.js ./acme`.
import { auditStore, createControlPlane, type ControlPlaneCommand } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory"; // or openSqliteEventStore, createPostgresEventStore
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { readModelsAsOf, scheduleMatrixView } from "@cloud-ledger/projections";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const repositoryUrl = pathToFileURL(resolve(process.argv[2] ?? ".")).href;
const store = createMemoryEventStore();
const ids = createIdGenerator();
const controlPlane = createControlPlane({ store, ids, clock: createSystemClock(), git: createGitResolver() });

// Every command names its actor (a verified GitHub identity in a real service) and carries an idempotency key.
async function send(actor: string, command: ControlPlaneCommand) {
  const result = await controlPlane.dispatch({ command, commandId: ids.ulid(), actor });
  if (result._tag === "Left") throw new Error(result.left.kind === "rejected" ? result.left.error.message : result.left.message);
  return result.right.events;
}

const alice = "github:583231";
await send(alice, { type: "SignUpUser", githubUserId: "583231", login: "alice" });
// Events come back decoded: picking one by its `type` narrows its `data` to that event's fields (no casts).
const organizationEvents = await send(alice, { type: "CreateOrganization", name: "acme" });
const created = organizationEvents.find((event) => event.type === "OrganizationCreated");
if (created === undefined) throw new Error("CreateOrganization wrote no OrganizationCreated");
const { organization } = created.data;
await send(alice, { type: "InstallGitHubApp", organization, installationId: "1", account: "acme", accountType: "organization" });
await send(alice, { type: "GrantRepository", organization, installationId: "1", repositoryUrl });
const projectEvents = await send(alice, { type: "CreateProject", organization, name: "Acme Data Project", repositoryUrl });
const project = projectEvents.find((event) => event.type === "ProjectCreated");
if (project === undefined) throw new Error("CreateProject wrote no ProjectCreated");
const { projectKey } = project.data;
for (const environment of ["prod", "staging"]) {
  await send(alice, { type: "CreateDeployment", organization, projectKey, name: environment, environment, gitRev: "main" });
}
await send(alice, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });

const views = await readModelsAsOf(store);
const matrix = scheduleMatrixView(views.scheduleMatrix, organization, projectKey, { from: new Date().toISOString() });
for (const row of matrix.rows) {
  const cells = row.cells.map((cell, i) => `${matrix.deployments[i]}=${cell === null ? "-" : cell.enabled ? "enabled" : "disabled"}`);
  console.log(`${row.schedule}: ${cells.join(" ")}`);
}
// The full audit: hash chains, then every event replayed, authorized and checked against the cross-stream invariants.
const audit = await auditStore(store);
console.log(audit.ok ? `audit ok: ${audit.head.events} events` : `audit failed: ${audit.fault.message}`);
