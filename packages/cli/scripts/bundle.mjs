// Bundles the `cloud-ledger` command (packages/cli/src/main.ts) into packages/cli/dist/main.js plus chunks; the
// package's `build` runs it after tsup has built the library entry (dist/index.js and its types). Loading fp-ts, io-ts
// and the workspace packages as hundreds of small CommonJS and ESM files cost most of a read command's time
// (bench/NOTES.md, "CLI start-up and reads"); one ESM module graph of a few files does not. Every dynamic import (each
// command group in src/command-groups.ts, each store driver) becomes its own chunk, so a command loads only what it runs.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Left to Node at run time: native modules (better-sqlite3's .node binary) and the store clients that are only loaded
 * with their driver (pg, @eventstore/db-client: large, and their optional native parts cannot be bundled).
 */
/** @type {readonly string[]} */
export const EXTERNAL = ["better-sqlite3", "pg", "pg-native", "@eventstore/db-client"];

/**
 * The sources import fp-ts's CommonJS build (`fp-ts/lib/…`, what Node and the type checker resolve), io-ts its ES
 * module build (`fp-ts/es6/…`): one copy, the ES modules (same API, file for file), so the bundle neither carries
 * fp-ts twice nor wraps it as CommonJS.
 * @type {import("esbuild").Plugin}
 */
const fpTsAsEsModules = {
  name: "fp-ts-es6",
  setup(build) {
    build.onResolve({ filter: /^fp-ts\/lib\// }, (args) =>
      build.resolve(args.path.replace(/^fp-ts\/lib\//, "fp-ts/es6/"), { kind: args.kind, resolveDir: args.resolveDir }),
    );
  },
};

/** @type {import("esbuild").BuildOptions} */
export const BUNDLE_OPTIONS = {
  absWorkingDir: PACKAGE,
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The workspace packages are bundled from their TypeScript sources (the `source` export condition), so the bundle
  // never depends on their dist being current and its source map points at the files a developer edits.
  conditions: ["source"],
  // fp-ts and io-ts ship ES modules beside their CommonJS: those bundle smaller and need no CommonJS wrappers.
  mainFields: ["module", "main"],
  external: [...EXTERNAL],
  plugins: [fpTsAsEsModules],
  // Bundled CommonJS (commander, picomatch, …) calls require() for Node built-ins; an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __bundleCreateRequire } from "node:module";\nconst require = __bundleCreateRequire(import.meta.url);',
  },
  // Less to parse on every start; names are kept, and the source map leads back to the original lines.
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: "linked",
  // Stack traces name the original file and line (with --enable-source-maps); the sources themselves are in the
  // checkout, so the maps need not carry them.
  sourcesContent: false,
  legalComments: "linked",
  logLevel: "warning",
};

// Run by `pnpm build`; imported (by tests/cli-bundle.test.ts) for its options only.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Chunks of an earlier bundle would linger beside the new ones (their names hash their contents), and the launcher
  // would take the oldest of them for an old build.
  for (const name of ["chunks", "main.js", "main.js.map"]) rmSync(path.join(PACKAGE, "dist", name), { recursive: true, force: true });
  await build(BUNDLE_OPTIONS);
}
