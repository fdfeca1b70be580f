import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Build order: each package after the ones it imports. */
export const PACKAGES = ["domain", "projections", "adapters", "cli"] as const;

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function oldestOutput(dist: string): number {
  if (!existsSync(dist)) return 0;
  const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  if (files.length === 0) return 0;
  return Math.min(...files.map((file) => statSync(path.join(dist, file)).mtimeMs));
}

function isStale(name: string): boolean {
  const folder = path.join(REPOSITORY_ROOT, "packages", name);
  const inputs = Math.max(
    newestMtime(path.join(folder, "src")),
    newestMtime(path.join(folder, "package.json")),
    newestMtime(path.join(folder, "tsup.config.ts")),
    newestMtime(path.join(folder, "scripts")),
  );
  return oldestOutput(path.join(folder, "dist")) < inputs;
}

/** Serialises builds across vitest workers: `mkdir` is atomic, so one worker builds while the others wait. */
function withBuildLock(run: () => void): void {
  const lock = path.join(REPOSITORY_ROOT, "node_modules", ".cloud-ledger-build.lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds (tsup: ESM + .d.ts) every package whose dist is missing or older than its sources, in dependency order, so the
 * end-to-end tests run what users run. A dependency rebuilt forces its dependants to rebuild too.
 */
export function ensurePackagesBuilt(): void {
  withBuildLock(() => {
    let rebuiltUpstream = false;
    for (const name of PACKAGES) {
      if (!rebuiltUpstream && !isStale(name)) continue;
      try {
        execFileSync("pnpm", ["run", "build"], { cwd: path.join(REPOSITORY_ROOT, "packages", name), stdio: "pipe", encoding: "utf8" });
      } catch (error) {
        const output = error as { stdout?: string; stderr?: string };
        throw new Error(`Building packages/${name} failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
      }
      rebuiltUpstream = true;
    }
  });
}
