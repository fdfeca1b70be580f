import { defineConfig } from "tsup";

export default defineConfig({
  // safe-text on its own: the CLI escapes its output with it without loading the whole domain at start-up.
  entry: {
    index: "src/index.ts",
    "safe-text": "src/naming/safe-text.ts",
    "testing/index": "src/testing/index.ts",
    internal: "src/internal.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
