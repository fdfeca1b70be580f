import * as t from "io-ts";
import { isCleanText } from "../integrity/json-value-guard.js";
import { isSafeDisplayText } from "../naming/safe-text.js";

/*
 * The four keys that address entities share one shape (a string), so nothing stops `f(projectKey, organization)` from
 * compiling when both are `string`. Each key type carries an optional phantom tag: a value typed as one key is not
 * assignable to another, while a plain string (a literal in a test, a CLI argument, JSON) still is, and nothing exists
 * at run time. A full brand would force a decode step onto every hand-written command for no check the codecs do not
 * already make at the boundary; the tag catches the mistake a brand is for: passing one key where another is wanted.
 */
export type KeyOf<Kind extends string> = string & { readonly __keyKind?: Kind };

/** An organization's stable key (a ULID). */
export type BillingAccountNumber = KeyOf<"BillingAccountNumber">;
/** A project's stable key: 32 hex characters derived from organization, repository and root path. */
export type ProjectKey = KeyOf<"ProjectKey">;
/** A deployment's key within its project: the slug of its name. */
export type DeploymentSlug = KeyOf<"DeploymentSlug">;
/** An execution's key: 32 hex characters. */
export type ExecutionId = KeyOf<"ExecutionId">;

/**
 * A string codec checked against a pattern. Keys decode to their key type (above), which a plain string
 * still satisfies: commands are written by hand in tests, the CLI and embedders.
 */
export function patternString<A extends string = string>(name: string, pattern: RegExp): t.Type<A, string, unknown> {
  const codec = new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === "string" && pattern.test(u),
    (u, c) => (typeof u === "string" && pattern.test(u) ? t.success(u as A) : t.failure(u, c)),
    t.identity,
  );
  codecPatterns.set(codec, pattern);
  return codec;
}

/** The pattern of each pattern-string codec (for generators and documentation). */
export const codecPatterns = new WeakMap<t.Decoder<unknown, unknown>, RegExp>();

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const EXECUTION_ID_PATTERN = /^[0-9a-f]{32}$/;
export const COMMIT_PATTERN = /^[0-9a-f]{40}$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Text a person typed: at most `maxLength` UTF-16 units, no NUL and no lone surrogate (which some stores cannot keep),
 * and, when `nonBlank`, something other than whitespace. Oversized or unstorable input is refused at the boundary
 * instead of failing later inside a store.
 */
export function boundedText(name: string, maxLength: number, nonBlank: boolean): t.Type<string, string, unknown> {
  const ok = (u: unknown): u is string => typeof u === "string" && u.length <= maxLength && isCleanText(u) && (!nonBlank || /\S/.test(u));
  const codec = new t.Type<string, string, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c)), t.identity);
  textLimits.set(codec, { maxLength, nonBlank });
  return codec;
}

/** An integer from `min` to `max`; its range is registered for generators and the replay checks. */
export function boundedInteger(name: string, min: number, max: number): t.Type<number, number, unknown> {
  const ok = (u: unknown): u is number => typeof u === "number" && Number.isInteger(u) && u >= min && u <= max;
  const codec = new t.Type<number, number, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c)), t.identity);
  integerRanges.set(codec, { min, max });
  return codec;
}

/** The range of each bounded-integer codec. */
export const integerRanges = new WeakMap<t.Decoder<unknown, unknown>, { readonly min: number; readonly max: number }>();

/** The limits of each bounded-text codec (for generators and documentation). */
export const textLimits = new WeakMap<t.Decoder<unknown, unknown>, { readonly maxLength: number; readonly nonBlank: boolean }>();

/**
 * Bounded text that is also safe to display (naming/safe-text.ts): no control character and no bidi control, so a name
 * printed in a table or an audit trail shows what it is. Only for what commands carry: events keep plain strings, so
 * that a ledger written before this rule still replays (the CLI escapes such names when it prints them).
 */
export function displayText(name: string, maxLength: number, nonBlank: boolean): t.Type<string, string, unknown> {
  const bounded = boundedText(name, maxLength, nonBlank);
  const ok = (u: unknown): u is string => bounded.is(u) && isSafeDisplayText(u);
  const codec = new t.Type<string, string, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c)), t.identity);
  textLimits.set(codec, { maxLength, nonBlank });
  displayTextCodecs.add(codec);
  return codec;
}

/**
 * Codecs that can say why they refuse a value (a state id's missing part, state content's bad field): a command's
 * decode error then names the problem, not only the expected type.
 */
export const codecProblems = new WeakMap<t.Decoder<unknown, unknown>, (u: unknown) => string | undefined>();

/** The display-text codecs, so a decode failure can name the refused code point instead of only the field. */
export const displayTextCodecs = new WeakSet<t.Decoder<unknown, unknown>>();

export const NonEmptyString = boundedText("NonEmptyString", 4096, true);
/** Names a person types (deployment, schedule, project display name): may be blank so the domain answers with its own message. */
export const NameText = displayText("text of at most 200 characters without control or bidi characters", 200, false);
export const UrlText = boundedText("text of at most 2048 characters", 2048, false);
export const RevisionText = displayText("a revision of at most 255 characters without control or bidi characters", 255, true);
export const EnvironmentName = displayText("an environment name of at most 200 characters without control or bidi characters", 200, true);
/** A GitHub account (organization or user) an App is installed on. */
export const GithubAccountText = displayText("a GitHub account of at most 100 characters without control or bidi characters", 100, true);
export const SecretValue = boundedText("a secret value of at most 65536 characters", 65536, false);
/** 26-char Crockford base32, the shape of internal ids and billing account numbers. */
export const Ulid = patternString("ULID", ULID_PATTERN);
export const BillingAccountNumber = patternString<BillingAccountNumber>("BillingAccountNumber", ULID_PATTERN);
/** GitHub's numeric user id: the stable identity of a person (the login can change). */
export const GithubUserId = patternString("GithubUserId", /^[1-9][0-9]{0,19}$/);
export const GithubLogin = patternString("GithubLogin", /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/);
export const InstallationId = patternString("InstallationId", /^[1-9][0-9]{0,19}$/);
/** 32 hex characters derived from (organization, repository, root path): see naming/project-key.ts. */
export const ProjectKey = patternString<ProjectKey>("ProjectKey", /^[0-9a-f]{32}$/);
export const ExecutionId = patternString<ExecutionId>("ExecutionId", EXECUTION_ID_PATTERN);
export const CommitHash = patternString("CommitHash", COMMIT_PATTERN);
export const Slug = patternString("Slug", SLUG_PATTERN);
/** A deployment's key within its project: the slug of its name. */
export const DeploymentSlug = patternString<DeploymentSlug>("Slug", SLUG_PATTERN);
export const SecretName = patternString("SecretName", /^[A-Za-z_][A-Za-z0-9_]{0,254}$/);
export const Sha256Hex = patternString("Sha256Hex", /^[0-9a-f]{64}$/);

export const ExitCode = new t.Type<number, number, unknown>(
  "ExitCode",
  (u): u is number => typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 255,
  (u, c) => (typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 255 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** How many ticks an event counts: a positive safe integer. */
export const TickCount = new t.Type<number, number, unknown>(
  "TickCount",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 1,
  (u, c) => (typeof u === "number" && Number.isSafeInteger(u) && u >= 1 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

export const Role = t.keyof({ owner: null, maintainer: null, reader: null }, "Role");
export type Role = t.TypeOf<typeof Role>;

export const GithubAccountType = t.keyof({ organization: null, user: null }, "GithubAccountType");
export type GithubAccountType = t.TypeOf<typeof GithubAccountType>;

/**
 * An object codec with required and optional fields. Optional fields are omitted, never set to undefined, and an
 * unknown field is an error naming it: a typo such as `forse: true` must not be silently dropped.
 */
export function struct<R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) {
  const inner = t.exact(t.intersection([t.type(required), t.partial(optional)]));
  const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
  const is = (u: unknown): u is t.TypeOf<typeof inner> => inner.is(u) && Object.keys(u).every((k) => known.has(k));
  const codec = new t.Type<t.TypeOf<typeof inner>, t.OutputOf<typeof inner>, unknown>(
    name,
    is,
    (u, c) => {
      // Fast path (the replay path): a valid value needs no copy, since unknown fields are refused rather than stripped.
      if (is(u)) return t.success(u);
      if (typeof u === "object" && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).find((k) => !known.has(k));
        if (extra !== undefined) {
          return t.failure((u as Record<string, unknown>)[extra], [...c, { key: extra, type: UnknownField, actual: u }]);
        }
      }
      return inner.validate(u, c);
    },
    (a) => inner.encode(a),
  );
  structShapes.set(codec, { required, optional });
  return codec;
}

/**
 * The fields of each struct codec. Also how error paths skip the intersection a struct wraps, and how generators
 * derive an arbitrary for every command and event without a hand-written list.
 */
export const structShapes = new WeakMap<t.Decoder<unknown, unknown>, { readonly required: t.Props; readonly optional: t.Props }>();

/** Marks an excess field in a decode error; it never decodes anything. */
export const UnknownField = new t.Type<never, never, unknown>(
  "no such field",
  (_u): _u is never => false,
  (u, c) => t.failure(u, c),
  (a) => a,
);
