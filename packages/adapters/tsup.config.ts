import { defineConfig } from "tsup";

// One entry per subpath export, so an embedder loads only the driver it uses.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "memory/index": "src/memory/index.ts",
    "sqlite/index": "src/sqlite/index.ts",
    "postgres/index": "src/postgres/index.ts",
    "eventstoredb/index": "src/eventstoredb/index.ts",
    "git/index": "src/git/index.ts",
    "ndjson/index": "src/ndjson/index.ts",
    "ids/index": "src/ids/index.ts",
    "clock/index": "src/clock/index.ts",
    "conformance/index": "src/conformance/index.ts",
    "manifest-fs/index": "src/manifest-fs/index.ts",
    "crypto/index": "src/crypto/index.ts",
    "vault/index": "src/vault/index.ts",
    "read-models-sqlite/index": "src/read-models-sqlite/index.ts",
    "read-models-postgres/index": "src/read-models-postgres/index.ts",
    "webhook/index": "src/webhook/index.ts",
    "mail-smtp/index": "src/mail-smtp/index.ts",
    "notification-dispatcher/index": "src/notification-dispatcher/index.ts",
    "runner-local/index": "src/runner-local/index.ts",
    "execution-log-sqlite/index": "src/execution-log-sqlite/index.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
