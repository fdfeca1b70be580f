import { describe, expect, expectTypeOf, it } from "vitest";
import {
  deploymentStream,
  projectKeyOf,
  projectStream,
  scheduledExecutionIdOf,
  type BillingAccountNumber,
  type CommandOf,
  type DeploymentSlug,
  type ExecutionId,
  type ProjectKey,
  type ProjectEvent,
} from "@cloud-ledger/domain";

/*
 * Keys typed as one kind do not pass as another: a swapped argument is a compile error (each `@ts-expect-error` below
 * fails the typecheck if the line it guards compiles). Plain strings (literals, CLI arguments, JSON) still pass.
 */
const organization: BillingAccountNumber = "01H00000000000000000000001";
const projectKey: ProjectKey = projectKeyOf(organization, "https://github.com/acme/data", "");
const deployment: DeploymentSlug = "prod";

describe("key types at the API edge", () => {
  it("type commands' keys and refuse a swapped key", () => {
    expectTypeOf<CommandOf<"CreateDeployment">["organization"]>().toEqualTypeOf<BillingAccountNumber>();
    expectTypeOf<CommandOf<"CreateDeployment">["projectKey"]>().toEqualTypeOf<ProjectKey>();
    expectTypeOf<CommandOf<"StartExecution">["executionId"]>().toEqualTypeOf<ExecutionId>();
    const swapped: CommandOf<"RegenerateProjectId"> = {
      type: "RegenerateProjectId",
      // @ts-expect-error a project key is not a billing account number
      organization: projectKey,
      // @ts-expect-error a billing account number is not a project key
      projectKey: organization,
    };
    expect(swapped.type).toBe("RegenerateProjectId");
    const plain: CommandOf<"RegenerateProjectId"> = {
      type: "RegenerateProjectId",
      organization: "01H00000000000000000000001",
      projectKey: "0".repeat(32),
    };
    expect(plain.organization).toHaveLength(26);
  });

  it("refuse swapped keys in the functions that derive keys and stream names", () => {
    // @ts-expect-error (organization, project key) swapped
    expect(() => scheduledExecutionIdOf(projectKey, organization, deployment, "daily", "t-1")).not.toThrow();
    // @ts-expect-error a deployment slug is not a project key
    expect(projectStream(deployment)).toBe("project-prod");
    // @ts-expect-error (project key, deployment) swapped
    expect(deploymentStream(deployment, projectKey)).toBe(`deployment-prod.${projectKey}`);
    expectTypeOf(scheduledExecutionIdOf).returns.toEqualTypeOf<ExecutionId>();
    expectTypeOf(projectKeyOf).returns.toEqualTypeOf<ProjectKey>();
  });

  it("decode event data to key types, so keys read from events keep their kind", () => {
    type ProjectDeploymentAdded = Extract<ProjectEvent, { readonly type: "ProjectDeploymentAdded" }>;
    expectTypeOf<ProjectDeploymentAdded["data"]["organization"]>().toEqualTypeOf<BillingAccountNumber>();
    expectTypeOf<ProjectDeploymentAdded["data"]["projectKey"]>().toEqualTypeOf<ProjectKey>();
    expectTypeOf<ProjectDeploymentAdded["data"]["deployment"]>().toEqualTypeOf<DeploymentSlug>();
  });
});
