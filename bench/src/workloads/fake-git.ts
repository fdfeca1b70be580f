import type { GitResolver, ProjectManifest } from "@cloud-ledger/domain";
import { SCHEDULES } from "../data/world.js";

/**
 * The git port for command benchmarks: every (repository, revision) resolves, with no I/O, to a fixed commit and a
 * manifest with the bench's environments and schedules — so command figures measure the control plane, not git.
 * Both sides of the Emmett comparison resolve through it.
 */
export const BENCH_MANIFEST: ProjectManifest = {
  environments: ["prod", "staging", "dev"].map((name) => ({ name, env: {} })),
  jobs: [{ name: "el", tasks: ["tap-github target-postgres"] }],
  schedules: SCHEDULES.map((s) => ({ kind: "job" as const, name: s.name, interval: s.interval, job: "el" })),
};

export const BENCH_COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b";

export function createFakeGitResolver(): GitResolver {
  // fp-ts's Right, written out: the bench does not depend on fp-ts for one constructor.
  const resolution = { _tag: "Right" as const, right: { commit: BENCH_COMMIT, manifest: BENCH_MANIFEST, manifestErrors: [] } };
  return { resolve: () => Promise.resolve(resolution) };
}
