import { canonicalJson } from "../integrity/canonical-json.js";
import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { BillingAccountNumber, DeploymentSlug, ExecutionId, ProjectKey } from "../codec/primitives.js";

/** SHA-256 hex of the RFC 8785 canonical JSON of a value (any SHA-256 implementation gives the same digest). */
export function digestOf(value: unknown, sha256Hex: Sha256Hasher = nobleSha256Hex): string {
  const canonical = canonicalJson(value) as string | undefined;
  if (canonical === undefined) throw new TypeError("value cannot be canonicalized");
  return sha256Hex(canonical);
}

/** The execution id of an ad-hoc run the caller did not name: derived from the command id, so a retry addresses the same one. */
export function adhocExecutionIdOf(organization: BillingAccountNumber, commandId: string, sha256Hex?: Sha256Hasher): ExecutionId {
  return digestOf(["adhoc", organization, commandId], sha256Hex).slice(0, 32);
}

/**
 * A project's stable key: derived from what defines a project (rule 8) — its organization's billing account number,
 * the normalized repository URL and the normalized root path — so it survives internal-id regeneration.
 * Callers pass normalized values (normalizeRepositoryUrl, normalizeRootPath).
 */
export function projectKeyOf(organization: BillingAccountNumber, repositoryUrl: string, rootPath: string): ProjectKey {
  return digestOf(["project", organization, repositoryUrl, rootPath]).slice(0, 32);
}

/**
 * The execution id of a scheduled tick, derived from the tick so that recording the same tick twice addresses the same
 * execution stream and is harmless.
 */
export function scheduledExecutionIdOf(
  organization: BillingAccountNumber,
  projectKey: ProjectKey,
  deployment: DeploymentSlug,
  schedule: string,
  tickId: string,
): ExecutionId {
  return digestOf(["tick", organization, projectKey, deployment, schedule, tickId]).slice(0, 32);
}

/**
 * The key of the stream that records a branch push was handled (`NotifyBranchUpdated`): one stream per (organization,
 * repository, branch), so a retried notification finds its own mark there before deciding anything again.
 */
export function branchPushKeyOf(organization: BillingAccountNumber, repositoryUrl: string, branch: string): string {
  return digestOf(["push", organization, repositoryUrl, branch]).slice(0, 32);
}

/** The key of the stream that records how far the scheduler got with one (deployment, schedule) pair. */
export function scheduleProgressKeyOf(
  organization: BillingAccountNumber,
  projectKey: ProjectKey,
  deployment: DeploymentSlug,
  schedule: string,
): string {
  return digestOf(["schedule-progress", organization, projectKey, deployment, schedule]).slice(0, 32);
}
