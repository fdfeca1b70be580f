import { describe, expect, it } from "vitest";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";

describe("workspace", () => {
  it("resolves workspace packages to their sources", () => {
    const error = new WrongExpectedVersionError("s-1", 2, 3);
    expect(error.message).toContain("expected 2, actual 3");
  });
});
