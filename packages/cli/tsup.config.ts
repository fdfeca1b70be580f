import { defineConfig } from "tsup";

// The library entry only (and its types); the `cloud-ledger` command is bundled by bundle.mjs, which runs after this
// (tsup's `clean` would delete the bundle).
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
});
