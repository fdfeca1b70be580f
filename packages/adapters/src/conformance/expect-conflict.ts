import { expect } from "vitest";
import type { ExpectedVersion } from "@cloud-ledger/domain";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";

/** Asserts that `attempt` rejects with the port's conflict error carrying stream, expected and actual version. */
export async function expectConflict(
  attempt: Promise<unknown>,
  streamName: string,
  expected: ExpectedVersion,
  actual: number,
): Promise<void> {
  const error: unknown = await attempt.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, "the append should have been rejected").toBeInstanceOf(WrongExpectedVersionError);
  const conflict = error as WrongExpectedVersionError;
  expect({ streamName: conflict.streamName, expected: conflict.expected, actual: conflict.actual }).toEqual({
    streamName,
    expected,
    actual,
  });
  expect(conflict.message).toContain(String(expected));
  expect(conflict.message).toContain(String(actual));
}
