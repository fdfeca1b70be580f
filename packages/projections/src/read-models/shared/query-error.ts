/** A query argument that cannot be used (a malformed time, a non-positive limit): nothing is returned. */
export class ReadModelQueryError extends Error {
  override readonly name = "ReadModelQueryError";
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO-8601 instant with a zone; a ReadModelQueryError naming `argument` otherwise. */
export function instantArgument(argument: string, text: string): number {
  const ms = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ReadModelQueryError(
      argument,
      `'${argument}' must be an ISO-8601 instant with a zone (e.g. 2023-05-30T16:52:44Z), got '${text}'`,
    );
  }
  return ms;
}

export function limitArgument(limit: number | undefined): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ReadModelQueryError("limit", `'limit' must be a positive integer, got ${String(limit)}`);
  }
  return limit;
}
