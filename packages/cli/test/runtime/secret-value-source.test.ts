import { afterEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/runtime/cli-errors.js";
import { readSecretValue } from "../../src/runtime/secret-value-source.js";

async function* chunks(...parts: (string | Uint8Array)[]): AsyncIterable<unknown> {
  for (const part of parts) yield await Promise.resolve(part);
}

afterEach(() => vi.unstubAllEnvs());

describe("readSecretValue", () => {
  it("reads standard input whole, less one final line break", async () => {
    expect(await readSecretValue({ valueStdin: true }, chunks("pa", Buffer.from("ss\nword"), "\n"))).toBe("pass\nword");
    expect(await readSecretValue({ valueStdin: true }, chunks("with-crlf\r\n"))).toBe("with-crlf");
    expect(await readSecretValue({ valueStdin: true }, chunks("two-breaks\n\n"))).toBe("two-breaks\n");
  });

  it("stops reading standard input past what a secret may hold", async () => {
    const huge = "x".repeat(70_000);
    await expect(readSecretValue({ valueStdin: true }, chunks(huge, huge, huge, huge))).rejects.toThrow(UsageError);
  });

  it("reads the named environment variable, and never echoes the name when it is unset or malformed", async () => {
    vi.stubEnv("A_SECRET_SOURCE", "from-the-environment");
    expect(await readSecretValue({ valueEnv: "A_SECRET_SOURCE" })).toBe("from-the-environment");
    vi.stubEnv("UNSET_SECRET_SOURCE", undefined);
    for (const name of ["UNSET_SECRET_SOURCE", "p@ssw0rd-pasted-by-mistake"]) {
      const error = await readSecretValue({ valueEnv: name }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain(name);
    }
  });

  it("wants exactly one source", async () => {
    await expect(readSecretValue({})).rejects.toThrow(UsageError);
    await expect(readSecretValue({ value: "v", valueEnv: "HOME" })).rejects.toThrow(/one way only/);
    await expect(readSecretValue({ value: "v", valueStdin: true }, chunks("w"))).rejects.toThrow(/one way only/);
    expect(await readSecretValue({ value: "on-the-command-line" })).toBe("on-the-command-line");
  });
});
