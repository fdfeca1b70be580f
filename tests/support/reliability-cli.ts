/**
 * Runs `cloud-ledger audit verify` from the CLI's sources (no build needed) against a store, the way an auditor
 * would, and returns its JSON answer and exit code.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const cliMain = fileURLToPath(new URL("../../packages/cli/src/main.ts", import.meta.url));

export interface AuditAnswer {
  readonly status: number;
  readonly json: {
    readonly ok: boolean;
    readonly events?: number;
    readonly fault?: { readonly streamName: string; readonly version: number; readonly kind: string };
  };
  readonly stderr: string;
}

/** `store` as the CLI's --store takes it: sqlite:<file> or a postgres:// URL. */
export function auditVerify(store: string): AuditAnswer {
  const home = mkdtempSync(join(tmpdir(), "cloud-ledger-audit-home-"));
  try {
    const run = spawnSync(
      process.execPath,
      ["--conditions=source", "--import", "tsx", cliMain, "audit", "verify", "--store", store, "--format", "json"],
      {
        cwd: repoRoot,
        env: { ...process.env, CLOUD_LEDGER_HOME: home, NO_COLOR: "1" },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    if (run.error !== undefined) throw run.error;
    return { status: run.status ?? -1, json: JSON.parse(run.stdout) as AuditAnswer["json"], stderr: run.stderr };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
