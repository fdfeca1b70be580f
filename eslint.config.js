import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/coverage/**",
      "**/*.config.ts",
      "eslint.config.js",
      "tests/fixtures/**",
      "packages/*/test/fixtures/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      // Prettier wraps code at 140 but never breaks a string or a comment: this keeps those within it too.
      "max-len": ["error", { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ["packages/domain/src/**/*.ts"],
    rules: {
      // The domain is pure: no I/O, clock, randomness or process state.
      "no-restricted-globals": ["error", "process", "setTimeout", "setInterval", "fetch"],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Inject the clock port." },
        { object: "Math", property: "random", message: "Inject the id port." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "node:*",
            "fs",
            "path",
            "child_process",
            "crypto",
            "os",
            "@cloud-ledger/adapters",
            "@cloud-ledger/projections",
            "@cloud-ledger/cli",
          ],
        },
      ],
    },
  },
);
