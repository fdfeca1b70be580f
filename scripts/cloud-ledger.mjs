#!/usr/bin/env node
// The `cloud-ledger` command of a checkout (`pnpm cloud-ledger …`, `pnpm demo`). It runs the compiled CLI when its
// bundle (packages/cli/dist) is at least as new as every package's sources (`pnpm install` builds it), which starts in
// a fraction of the time; otherwise it runs the sources through tsx, so an edit is never hidden behind an old build. Plain JavaScript
// and Node built-ins only: it must run before anything is built.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The CLI and every workspace package it imports (the compiled CLI bundles their sources). */
const PACKAGES = ["domain", "projections", "adapters", "cli"];
/** What a package's build reads, beside node_modules. */
const BUILD_INPUTS = ["src", "package.json", "tsup.config.ts", "scripts"];

/**
 * The newest modification time under `entry` (folders count too: deleting a file changes its folder's time).
 * @param {string} entry
 * @returns {number}
 */
function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(entry, { recursive: true, encoding: "utf8" }))
    newest = Math.max(newest, statSync(path.join(entry, name)).mtimeMs);
  return newest;
}

/**
 * The oldest compiled module in `dist`, or 0 when there is none.
 * @param {string} dist
 * @returns {number}
 */
function oldestOutput(dist) {
  if (!existsSync(dist)) return 0;
  let oldest = Infinity;
  for (const name of readdirSync(dist, { recursive: true, encoding: "utf8" }))
    if (name.endsWith(".js")) oldest = Math.min(oldest, statSync(path.join(dist, name)).mtimeMs);
  return oldest === Infinity ? 0 : oldest;
}

/**
 * The newest input of a package's build: its sources, package.json and build configuration.
 * @param {string} folder the package's folder
 * @returns {number}
 */
function newestInput(folder) {
  return Math.max(...BUILD_INPUTS.map((name) => newestMtime(path.join(folder, name))));
}

/**
 * True when the compiled CLI reflects the sources. packages/cli/dist/main.js is a bundle built from the sources of
 * every workspace package (packages/cli/scripts/bundle.mjs), so it is current when its oldest module is no older than the
 * newest input of any of them; the other packages' dist plays no part in it (rebuilding one of them alone after an
 * edit leaves the bundle old). The same rule tests/support/build-packages.ts rebuilds by.
 * @param {string} root the repository root
 * @returns {boolean}
 */
function compiledIsCurrent(root) {
  const cli = path.join(root, "packages", "cli");
  if (!existsSync(path.join(cli, "dist", "main.js"))) return false;
  const built = oldestOutput(path.join(cli, "dist"));
  return PACKAGES.every((name) => built >= newestInput(path.join(root, "packages", name)));
}

/**
 * Runs the sources through tsx in a child process and exits as it does (code, or the signal that ended it).
 * @param {readonly string[]} args
 */
function runSources(args) {
  if (process.stderr.isTTY === true)
    process.stderr.write(
      "cloud-ledger: the build is missing or older than the sources, running them through tsx (slower to start; `pnpm build` " +
        "compiles them)\n",
    );
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", import.meta.resolve("tsx"), path.join(ROOT, "packages", "cli", "src", "main.ts"), ...args],
    { stdio: "inherit" },
  );
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => child.kill(signal);
  /** @type {readonly NodeJS.Signals[]} */
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, forward);
  child.on("exit", (code, signal) => {
    for (const name of signals) process.off(name, forward);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

const compiled = compiledIsCurrent(ROOT);
// CLOUD_LEDGER_LAUNCHER_TRACE=1 says which one runs (the bench notes it beside its start-up figures).
if (process.env.CLOUD_LEDGER_LAUNCHER_TRACE === "1") process.stderr.write(`cloud-ledger launcher: ${compiled ? "dist" : "sources"}\n`);
if (compiled) await import(pathToFileURL(path.join(ROOT, "packages", "cli", "dist", "main.js")).href);
else runSources(process.argv.slice(2));
