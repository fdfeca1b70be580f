import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "./support/build-packages.js";

// The README promises things other tests prove; keep its text tied to them.
const readme = readFileSync(path.join(REPOSITORY_ROOT, "README.md"), "utf8");

describe("README", () => {
  it("quotes examples/embed.ts verbatim (the file tests/pack.test.ts compiles and runs)", () => {
    const example = readFileSync(path.join(REPOSITORY_ROOT, "examples", "embed.ts"), "utf8").trimEnd();
    expect(readme).toContain("```ts\n" + example + "\n```");
  });

  it("gives the one-line quickstart and the test command, backed by root scripts", () => {
    expect(readme).toContain("npm i -g pnpm@10.34.9 && pnpm install && pnpm demo");
    expect(readme).toMatch(/^pnpm test\b/m);
    const scripts = (JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
      .scripts;
    // Both run scripts/cloud-ledger.mjs: the compiled CLI when it is current (`pnpm install` builds it), else the sources.
    expect(scripts.demo).toBe("node scripts/cloud-ledger.mjs demo");
    expect(scripts["cloud-ledger"]).toBe("node scripts/cloud-ledger.mjs");
    expect(scripts.prepare).toBe("pnpm build");
    expect(scripts.test).toBe("vitest run");
  });
});
