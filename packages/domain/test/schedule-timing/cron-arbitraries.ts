import { fc } from "@fast-check/vitest";

const field = (min: number, max: number) =>
  fc.oneof(
    fc.constant("*"),
    fc.integer({ min: 1, max: Math.min(30, max) }).map((step) => `*/${step}`),
    fc.integer({ min, max }).map(String),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map((values) => values.join(",")),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc
      .tuple(fc.integer({ min, max }), fc.integer({ min, max }), fc.integer({ min: 1, max: 5 }))
      .map(([a, b, step]) => `${Math.min(a, b)}-${Math.max(a, b)}/${step}`),
  );

/** Valid 5-field cron expressions in the shapes real projects use (lists, ranges, steps). */
export const cronExpression = fc
  .tuple(
    field(0, 59),
    field(0, 23),
    fc.oneof(fc.constant("*"), field(1, 28), fc.constant("L")),
    field(1, 12),
    fc.oneof(fc.constant("*"), field(0, 6)),
  )
  .map((fields) => fields.join(" "));

/** Sub-hour crons, so that the 15-minute cap has work to do. */
export const frequentCronExpression = fc
  .tuple(field(0, 59), fc.oneof(fc.constant("*"), field(0, 23)))
  .map(([minute, hour]) => `${minute} ${hour} * * *`);

/** An instant between 2020 and 2035, at millisecond precision. */
export const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms).toISOString());
