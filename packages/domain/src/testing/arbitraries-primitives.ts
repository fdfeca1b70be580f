import fc from "fast-check";
import type { Role } from "../codec/primitives.js";
import { COMMIT_PATTERN, EXECUTION_ID_PATTERN, SLUG_PATTERN, ULID_PATTERN } from "../codec/primitives.js";
import { isSafeDisplayText } from "../naming/safe-text.js";
import type { JsonValue } from "../ports/event-store.js";
import type { StateContent } from "../state/state-content.js";

/*
 * Arbitraries for the domain's primitive values, each matching its io-ts codec exactly: anything generated here
 * decodes, so a property that fails on one of them points at the code under test, not at the generator.
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const HEX = "0123456789abcdef";

const fromAlphabet = (alphabet: string, length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

/** A 26-character Crockford base32 ULID (internal ids, billing account numbers, event ids). */
export const ulidArbitrary: fc.Arbitrary<string> = fromAlphabet(CROCKFORD, 26).filter((s) => ULID_PATTERN.test(s));

/** An organization's stable key: its billing account number. */
export const billingAccountNumberArbitrary: fc.Arbitrary<string> = ulidArbitrary;

/** GitHub's numeric user id, as a decimal string without leading zeros. */
export const githubUserIdArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 99_999_999 }).map(String),
  fc.stringMatching(/^[1-9][0-9]{0,19}$/),
);

/** A GitHub login: letters, digits and dashes, not starting with a dash, at most 39 characters. */
export const githubLoginArbitrary: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/);

/** A GitHub App installation id. */
export const installationIdArbitrary: fc.Arbitrary<string> = fc.integer({ min: 1, max: 999_999_999 }).map(String);

/** A project's stable key: 32 lowercase hex characters. */
export const projectKeyArbitrary: fc.Arbitrary<string> = fromAlphabet(HEX, 32);

/** An execution id as Meltano Cloud shows it: 32 lowercase hex characters. */
export const executionIdArbitrary: fc.Arbitrary<string> = fromAlphabet(HEX, 32).filter((s) => EXECUTION_ID_PATTERN.test(s));

/** A full 40-hex git commit hash. */
export const commitHashArbitrary: fc.Arbitrary<string> = fromAlphabet(HEX, 40).filter((s) => COMMIT_PATTERN.test(s));

/** A SHA-256 digest in lowercase hex. */
export const sha256HexArbitrary: fc.Arbitrary<string> = fromAlphabet(HEX, 64);

/** A slug as python-slugify produces it: lowercase alphanumeric words joined by single dashes. */
export const slugArbitrary: fc.Arbitrary<string> = fc
  .stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/)
  .filter((s) => SLUG_PATTERN.test(s));

/** A project-scoped secret name (environment-variable shaped). */
export const secretNameArbitrary: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/);

/** An organization member's role. */
export const roleArbitrary: fc.Arbitrary<Role> = fc.constantFrom<Role>("owner", "maintainer", "reader");

/** A process exit code (0-255). */
export const exitCodeArbitrary: fc.Arbitrary<number> = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 }));

/** Any string with at least one non-space character, including non-ASCII text. */
export const nonEmptyTextArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.string({ unit: "grapheme", maxLength: 12 }), fc.stringMatching(/^[A-Za-z0-9]$/), fc.string({ maxLength: 12 }))
  .map(([before, middle, after]) => `${before}${middle}${after}`);

/**
 * Any text a user could type as a name, including empty, whitespace-only and non-ASCII strings; never a control or
 * bidi character, which the command codecs refuse (naming/safe-text.ts).
 */
export const anyTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }).filter(isSafeDisplayText),
  fc.string({ unit: "grapheme", maxLength: 16 }).filter(isSafeDisplayText),
  fc.constantFrom("", " ", "   ", "---", "Prod", "UlTrA  PrOdUcTiOn"),
);

/** A valid organization name: 1-20 lowercase letters, digits and dashes. */
export const organizationNameArbitrary: fc.Arbitrary<string> = fc.stringMatching(/^[a-z0-9-]{1,20}$/);

/** An organization name that breaks a naming rule (empty, too long, or holding a forbidden character). */
export const invalidOrganizationNameArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  fc.stringMatching(/^[a-z0-9-]{21,30}$/),
  fc
    .tuple(fc.stringMatching(/^[a-z0-9-]{0,9}$/), fc.constantFrom("A", "_", " ", ".", "é", "/", "Z"), fc.stringMatching(/^[a-z0-9-]{0,9}$/))
    .map(([a, bad, b]) => `${a}${bad}${b}`),
);

/** A name that slugifies to a non-empty slug, written the way people type it (mixed case, spaces, punctuation). */
export const displayNameArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("", " ", "  "), slugArbitrary, fc.constantFrom("", " ", "!", "_"))
  .chain(([lead, slug, tail]) => fc.mixedCase(fc.constant(slug.replace(/-/g, " "))).map((words) => `${lead}${words}${tail}`));

/** A deployment or project name with no letter or digit: it slugifies to nothing and must be refused. */
export const blankNameArbitrary: fc.Arbitrary<string> = fc.constantFrom("", " ", "\t", "---", "!!", "_ _", "  -  ");

/** A github.com repository URL in one of the spellings people use (https, scp-style, with `.git`, with a trailing slash). */
export function githubRepositoryUrlArbitrary(
  owner: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
): fc.Arbitrary<string> {
  return fc
    .tuple(owner, fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}[a-z0-9]$/), fc.constantFrom("https", "scp", "git-suffix", "slash"))
    .map(([o, repo, style]) => {
      switch (style) {
        case "scp":
          return `git@github.com:${o}/${repo}.git`;
        case "git-suffix":
          return `https://github.com/${o}/${repo}.git`;
        case "slash":
          return `https://github.com/${o}/${repo}/`;
        default:
          return `https://github.com/${o}/${repo}`;
      }
    });
}

/** A project root path inside the repository: `.`, nested folders, or spellings that normalize to them. */
export const rootPathArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(".", "./", "meltano", "data/meltano", "./data/./meltano/", "a/b/../meltano"),
  fc.array(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/")),
);

/** A root path that leaves the repository or is not relative: it must be refused. */
export const escapingRootPathArbitrary: fc.Arbitrary<string> = fc.constantFrom("..", "../x", "a/../../b", "/abs/path", "a\\b", "./../..");

/** A schedule interval as meltano.yml writes it. */
export const intervalArbitrary: fc.Arbitrary<string> = fc.constantFrom(
  "@daily",
  "@hourly",
  "@weekly",
  "@once",
  "@manual",
  "0 2 * * *",
  "*/15 * * * *",
);

/** A plugin or environment name as Meltano writes them: no ':' (rule 51), no whitespace. */
const stateNamePart: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);

/** State ids `<environment>:<extractor>-to-<loader>[:<suffix>]` (rule 51). */
export const stateIdArbitrary: fc.Arbitrary<string> = fc
  .tuple(stateNamePart, stateNamePart, stateNamePart, fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/), { nil: undefined }))
  .map(([environment, extractor, loader, suffix]) => `${environment}:${extractor}-to-${loader}${suffix === undefined ? "" : `:${suffix}`}`);

/** A Singer state value: bookmarks of a few streams (nested objects, strings, safe integers). */
export const singerStateArbitrary: fc.Arbitrary<{ readonly [key: string]: JsonValue }> = fc.record({
  bookmarks: fc.dictionary(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
    fc.record({
      replication_key: fc.string({ maxLength: 12 }),
      replication_key_value: fc.oneof(fc.string({ maxLength: 24 }), fc.integer()),
    }),
    { maxKeys: 4 },
  ),
});

/** Normalized state content: `completed` and/or `partial`, at least one holding `singer_state` (rule 52). */
export const stateContentArbitrary: fc.Arbitrary<StateContent> = fc.oneof(
  singerStateArbitrary.map((s) => ({ completed: { singer_state: s } })),
  singerStateArbitrary.map((s) => ({ partial: { singer_state: s } })),
  fc.tuple(singerStateArbitrary, singerStateArbitrary).map(([c, p]) => ({ completed: { singer_state: c }, partial: { singer_state: p } })),
  singerStateArbitrary.map((s) => ({ completed: { singer_state: s }, partial: {} })),
);
