import { describe, expect, it } from "vitest";
import type { ControlPlaneCommand } from "@cloud-ledger/domain";
import { ALICE, acmeOrganization, acmeProject, createHarness } from "./domain-harness.js";
import {
  parseExecutionId,
  parseLookback,
  parseName,
  parseOrganizationName,
  parseSecretName,
  parseSluggableName,
  parseUlid,
} from "../packages/cli/src/runtime/parsers.js";

// A 1 MB value in any field: the error names it, cut to a few hundred characters with its length, never whole.
const MEGABYTE = 1024 * 1024;
const huge = (character: string) => character.repeat(MEGABYTE);
const BOUND = 2000;

describe("control plane errors bound the input they quote", () => {
  it("every refusal of a command carrying a 1 MB value has a short message", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const projectKey = await acmeProject(h, organization);
    const commands: ControlPlaneCommand[] = [
      { type: "CreateOrganization", name: huge("a") },
      { type: "CreateProject", organization, name: huge("!"), repositoryUrl: "https://github.com/acme/data" },
      { type: "CreateProject", organization, name: "x", repositoryUrl: huge("r") },
      { type: "CreateProject", organization, name: "x", repositoryUrl: `/${huge("r")}/../a` },
      { type: "CreateProject", organization, name: "y", repositoryUrl: "https://github.com/acme/data", rootPath: `../${huge("p")}` },
      { type: "GrantRepository", organization, installationId: "42", repositoryUrl: `https://github.com/${huge("o")}` },
      { type: "CreateDeployment", organization, projectKey, name: "prod", environment: huge("e"), gitRev: "main" },
      { type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: huge("g") },
      { type: "DeleteDeployment", organization, projectKey, deployment: huge("d") } as unknown as ControlPlaneCommand,
      { type: huge("T") } as unknown as ControlPlaneCommand,
      { type: "CreateOrganization", name: "acme2", [huge("f")]: 1 } as unknown as ControlPlaneCommand,
    ];
    let rejections = 0;
    for (const command of commands) {
      const result = await h.send(ALICE, command);
      if (result._tag === "Right") continue;
      rejections += 1;
      const message = result.left.kind === "rejected" ? result.left.error.message : result.left.message;
      expect(message.length, `${command.type.slice(0, 40)}: ${message.slice(0, 300)}`).toBeLessThan(BOUND);
    }
    expect(rejections).toBe(commands.length);
  });

  it("quotes the start of the value and its length", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const message = async (command: unknown) => {
      const result = await h.send(ALICE, command as ControlPlaneCommand);
      return result._tag === "Left" && result.left.kind === "rejected" ? result.left.error.message : "";
    };
    expect(await message({ type: "CreateOrganization", name: "acme2", [huge("f")]: 1 })).toBe(
      `Invalid CreateOrganization command: unknown field '${"f".repeat(200)}… (${MEGABYTE} characters)'.`,
    );
    // Fields the codec admits up to 2048 characters are still cut to 200 where a message quotes them.
    const url = `https://github.com/${"o".repeat(2000)}`;
    expect(await message({ type: "GrantRepository", organization, installationId: "42", repositoryUrl: url })).toBe(
      `Invalid repository URL '${url.slice(0, 200)}… (2019 characters)': a GitHub repository URL must be ` +
        `github.com/<owner>/<repository>, got '/${"o".repeat(199)}… (2001 characters)'.`,
    );
  });
});

describe("CLI argument errors bound the input they quote", () => {
  it("every parser refusing a 1 MB argument has a short message", () => {
    const parsers = [parseUlid, parseExecutionId, parseLookback, parseName, parseOrganizationName, parseSecretName, parseSluggableName];
    for (const parse of parsers) {
      const invalid = parse === parseSluggableName || parse === parseSecretName ? huge("-") : huge("Z");
      const value = parse === parseName ? `${huge("n")}\u0007` : invalid;
      let message = "";
      try {
        parse(value);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message, parse.name).toMatch(/… \(\d+ characters\)/);
      expect(message.length, parse.name).toBeLessThan(BOUND);
    }
  });
});
