import type { DeploymentEvent, GitResolution, ManifestError, ProjectManifest } from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";

export const ORG = "01GV0Z1VW5TSRF8BYX1J2V3WNT";
export const OTHER_ORG = "01GV0Z1VW5TSRF8BYX1J2V3WNV";
export const ORG_ID = "01GWQ7520WNMQT0PQ6KHCC4EE1";
export const NEW_ID = "01GWQ7520WNMQT0PQ6KHCC4EE2";
export const PK = "0123456789abcdef0123456789abcdef";
export const OTHER_PK = "fedcba9876543210fedcba9876543210";
export const COMMIT_1 = "1".repeat(40);
export const COMMIT_2 = "2".repeat(40);
export const EXECUTION = "15e1cbbde6b2424f86c04b237291d652";
export const REPO = "https://github.com/acme/data";

export const acme = manifestOf({
  environments: ["prod", "staging"],
  schedules: [{ name: "daily-transforms" }, { name: "hourly-sync", interval: "@hourly", environments: ["prod"] }],
});

export function resolution(commit: string, manifest: ProjectManifest, manifestErrors: readonly ManifestError[] = []): GitResolution {
  return { commit, manifest, manifestErrors };
}

export const ref = { organization: ORG, projectKey: PK, deployment: "prod" } as const;

/** The DeploymentCreated event a `prod` deployment of the acme manifest at COMMIT_1 records. */
export function prodCreated(manifestDigest: string): DeploymentEvent {
  return {
    type: "DeploymentCreated",
    data: {
      ...ref,
      environment: "prod",
      gitRev: "main",
      commit: COMMIT_1,
      manifestDigest,
      schedules: [
        { name: "daily-transforms", interval: "@daily" },
        { name: "hourly-sync", interval: "@hourly" },
      ],
    },
  };
}
