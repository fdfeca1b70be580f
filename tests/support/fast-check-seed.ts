import fc from "fast-check";

// Property tests explore fresh random cases on every local run. CI (CI=true) pins one seed so a landing is never decided
// by the luck of a draw; FC_SEED pins any seed, e.g. to replay a counterexample that fast-check printed.
const pinned = process.env.FC_SEED ?? (process.env.CI === "true" ? "20261130" : undefined);
if (pinned !== undefined) fc.configureGlobal({ seed: Number(pinned) });
