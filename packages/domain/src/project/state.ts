export interface ProjectDeployment {
  readonly environment: string;
  readonly gitRev: string;
}

export interface ActiveProject {
  readonly status: "active";
  readonly organization: string;
  readonly projectKey: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
  /** Replaceable: a command may regenerate it; nothing refers to it. */
  readonly internalId: string;
  /** Deployment slug -> what it tracks. */
  readonly deployments: ReadonlyMap<string, ProjectDeployment>;
  /** Names of the secrets set (never values). */
  readonly secrets: ReadonlySet<string>;
}

export type ProjectState = { readonly status: "absent" } | ActiveProject;
