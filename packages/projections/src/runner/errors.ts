/** A stored event the serde could not decode: the runner stops before it and keeps the state it had. */
export class ProjectionDecodeError extends Error {
  override readonly name = "ProjectionDecodeError";
  constructor(
    readonly streamName: string,
    readonly version: number,
    readonly globalPosition: number,
    readonly reason: string,
  ) {
    super(`Cannot decode event at stream '${streamName}' version ${version} (position ${globalPosition}): ${reason}`);
  }
}

/** A projection's `apply` threw: its state is restored from its last checkpoint and the runner stops. */
export class ProjectionApplyError extends Error {
  override readonly name = "ProjectionApplyError";
  constructor(
    readonly projection: string,
    readonly globalPosition: number,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `Projection '${projection}' failed on event '${eventType}' at position ${globalPosition}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}

/** Bad runner configuration (duplicate names, non-positive sizes, unknown projection). */
export class ProjectionConfigError extends Error {
  override readonly name = "ProjectionConfigError";
}

/** `waitUntilCaughtUp` gave up before every projection reached the target position. */
export class CatchUpTimeoutError extends Error {
  override readonly name = "CatchUpTimeoutError";
  constructor(
    readonly target: number,
    readonly reached: number,
    readonly timeoutMs: number,
  ) {
    super(`Projections did not reach position ${target} within ${timeoutMs} ms (reached ${reached})`);
  }
}

/** A time-travel bound that is not a non-negative integer position or a parseable ISO-8601 time. */
export class AsOfError extends Error {
  override readonly name = "AsOfError";
}
