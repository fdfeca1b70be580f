import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt, PACKAGES, REPOSITORY_ROOT } from "./support/build-packages.js";
import { createAcmeGitRepository } from "./support/acme-cli-scenario.js";

/*
 * What an embedding service does: pack every package (pnpm rewrites workspace:* to versions), install the tarballs into
 * a scratch project outside the workspace with npm, compile the README's embedding example (examples/embed.ts) with
 * tsc against the installed type declarations, and run it. Slow (an npm install), hence the generous timeouts.
 */
let scratch: string;
let tarballs: string;
let repository: string;

const run = (command: string, args: readonly string[], cwd: string): string =>
  execFileSync(command, [...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_update_notifier: "false" },
  });

function tarball(name: string): string {
  const file = readdirSync(tarballs).find((candidate) => candidate.startsWith(`cloud-ledger-${name}-`) && candidate.endsWith(".tgz"));
  if (file === undefined) throw new Error(`no tarball for ${name}`);
  return path.join(tarballs, file);
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "cloud-ledger-pack-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  tarballs = path.join(scratch, "tarballs");
  mkdirSync(tarballs);
  for (const name of PACKAGES) run("pnpm", ["pack", "--pack-destination", tarballs], path.join(REPOSITORY_ROOT, "packages", name));
  const project = path.join(scratch, "service");
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "embedding-service", private: true, type: "module" }, null, 2));
  // Native builds are not needed by the example (memory store); npm 11 skips unapproved install scripts anyway.
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...PACKAGES.map(tarball), "@types/node@^20.19.0"], project);
}, 1_200_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

describe("packed tarballs", { timeout: 300_000 }, () => {
  it("carry versions instead of workspace: ranges, and their dist with type declarations", () => {
    for (const name of PACKAGES) {
      const manifest = JSON.parse(run("tar", ["-xzOf", tarball(name), "package/package.json"], scratch)) as Record<string, unknown>;
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
      const files = run("tar", ["-tzf", tarball(name)], scratch).split("\n");
      expect(files).toContain("package/dist/index.js");
      expect(files).toContain("package/dist/index.d.ts");
      expect(files.some((file) => file.startsWith("package/src/"))).toBe(false);
    }
    expect(run("tar", ["-tzf", tarball("cli")], scratch).split("\n")).toContain("package/demo/acme/meltano.yml");
  });

  it("compile and run the README's embedding example in a project outside the workspace", () => {
    const project = path.join(scratch, "service");
    copyFileSync(path.join(REPOSITORY_ROOT, "examples", "embed.ts"), path.join(project, "embed.ts"));
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          outDir: "dist",
          types: ["node"],
          skipLibCheck: false,
        },
        files: ["embed.ts"],
      }),
    );
    const tsc = path.join(REPOSITORY_ROOT, "node_modules", "typescript", "bin", "tsc");
    run(process.execPath, [tsc, "-p", "tsconfig.json"], project);
    const output = run(process.execPath, [path.join("dist", "embed.js"), repository], project);
    expect(output).toContain("daily-transforms: prod=enabled staging=disabled");
    expect(output).toMatch(/^audit ok: \d+ events$/m);
  });

  it("install a working cloud-ledger binary", () => {
    const project = path.join(scratch, "service");
    const bin = path.join(project, "node_modules", ".bin", "cloud-ledger");
    expect(run(bin, ["--version"], project).trim()).toBe("0.1.0");
    const manifest = JSON.parse(
      run(bin, ["manifest", path.join(project, "node_modules", "@cloud-ledger", "cli", "demo", "acme"), "--json"], project),
    ) as {
      environments: { name: string }[];
      schedules: { name: string }[];
    };
    expect(manifest.environments.map((environment) => environment.name).sort()).toEqual(["prod", "staging"]);
    expect(manifest.schedules.map((schedule) => schedule.name)).toContain("daily-transforms");
  });
});
