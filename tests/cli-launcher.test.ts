import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "./support/build-packages.js";

/*
 * scripts/cloud-ledger.mjs, the command `pnpm cloud-ledger` and `pnpm demo` run, in a stand-in checkout whose CLI
 * entry points only say which of them ran: the compiled one when the CLI's bundle (packages/cli/dist, built from every
 * package's sources) is current, else the sources.
 */
const PACKAGES = ["domain", "projections", "adapters", "cli"];
const T0 = new Date("2026-01-01T00:00:00Z");
const later = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const entry = (from: string): string =>
  `console.log(JSON.stringify({ from: "${from}", args: process.argv.slice(2) }));\nprocess.exitCode = 3;\n`;

let root: string;
const file = (...parts: string[]): string => path.join(root, ...parts);

function write(relative: string, text: string, time: Date): void {
  mkdirSync(path.dirname(file(relative)), { recursive: true });
  writeFileSync(file(relative), text);
  utimesSync(file(relative), time, time);
}

/** Sources at T0, every dist 10 s later: a fresh build. Folder times too, as a checkout and a build leave them. */
function freshCheckout(): void {
  rmSync(file("packages"), { recursive: true, force: true });
  for (const name of PACKAGES) {
    write(`packages/${name}/package.json`, "{}\n", T0);
    write(`packages/${name}/src/index.ts`, "export {};\n", T0);
    write(`packages/${name}/dist/index.js`, "export {};\n", later(10));
    for (const folder of ["src", "dist", ""]) utimesSync(file("packages", name, folder), T0, T0);
  }
  write("packages/cli/src/main.ts", entry("sources"), T0);
  write("packages/cli/dist/main.js", entry("dist"), later(10));
  for (const name of PACKAGES) utimesSync(file("packages", name, "src"), T0, T0);
}

function launch(...args: string[]): { from: string; args: string[]; status: number | null } {
  const run = spawnSync(process.execPath, [file("scripts", "cloud-ledger.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  return { ...(JSON.parse(run.stdout) as { from: string; args: string[] }), status: run.status };
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "cloud-ledger-launcher-"));
  mkdirSync(file("scripts"));
  copyFileSync(path.join(REPOSITORY_ROOT, "scripts", "cloud-ledger.mjs"), file("scripts", "cloud-ledger.mjs"));
  // tsx, for the sources, is found the way the real launcher finds it: from the repository's node_modules.
  symlinkSync(path.join(REPOSITORY_ROOT, "node_modules"), file("node_modules"), "dir");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the cloud-ledger launcher", () => {
  it("runs the compiled CLI when its bundle is newer than every package's sources, passing arguments and exit code", () => {
    freshCheckout();
    expect(launch("org", "list", "--format", "json")).toEqual({ from: "dist", args: ["org", "list", "--format", "json"], status: 3 });
  });

  it("runs the sources when any package has a source newer than its dist", () => {
    for (const name of PACKAGES) {
      freshCheckout();
      write(`packages/${name}/src/deep/changed.ts`, "export {};\n", later(20));
      expect(launch("--version"), name).toEqual({ from: "sources", args: ["--version"], status: 3 });
    }
  });

  it("runs the sources when a package.json changed after the build, or a source was deleted", () => {
    freshCheckout();
    write("packages/adapters/package.json", "{}\n", later(20));
    expect(launch().from).toBe("sources");
    freshCheckout();
    unlinkSync(file("packages/domain/src/index.ts"));
    expect(launch().from).toBe("sources");
  });

  it("runs the sources when the bundle is missing or partly old", () => {
    freshCheckout();
    rmSync(file("packages/cli/dist/main.js"));
    expect(launch().from).toBe("sources");
    freshCheckout();
    write("packages/cli/dist/chunks/old-chunk.js", "export {};\n", later(-5));
    expect(launch().from).toBe("sources");
  });

  it("runs the sources when a package was rebuilt alone after an edit: the bundle holds its old sources", () => {
    freshCheckout();
    write("packages/domain/src/index.ts", "export const changed = 1;\n", later(20));
    write("packages/domain/dist/index.js", "export const changed = 1;\n", later(30));
    expect(launch().from).toBe("sources");
  });

  it("runs the bundle whatever the other packages' dist: it does not load them", () => {
    freshCheckout();
    rmSync(file("packages/projections/dist"), { recursive: true });
    expect(launch().from).toBe("dist");
  });

  it("runs the sources when the bundle's configuration changed after the build", () => {
    freshCheckout();
    write("packages/cli/scripts/bundle.mjs", "export {};\n", later(20));
    expect(launch().from).toBe("sources");
  });
});
