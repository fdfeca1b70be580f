import type { DeploymentSchedule } from "./schedules.js";

export interface DeployedDeployment {
  readonly status: "deployed";
  readonly organization: string;
  readonly projectKey: string;
  readonly deployment: string;
  readonly environment: string;
  /** The tracked revision: a branch, a tag or a pinned commit hash. */
  readonly gitRev: string;
  /** The commit currently deployed. */
  readonly commit: string;
  readonly manifestDigest: string;
  readonly schedules: readonly DeploymentSchedule[];
}

export type DeploymentState =
  | { readonly status: "absent" }
  | DeployedDeployment
  | { readonly status: "deleted"; readonly organization: string; readonly projectKey: string; readonly deployment: string };

/** A 40-hex tracked revision is a pinned commit: it never moves, so it is never redeployed automatically (rule 19). */
export function tracksBranch(state: DeployedDeployment, branch: string): boolean {
  return !/^[0-9a-f]{40}$/.test(state.gitRev) && state.gitRev === branch;
}
