import * as t from "io-ts";
import { SLUG_PATTERN } from "../codec/primitives.js";

/**
 * Meltano's CLI passes deployment names through python-slugify: quotes become separators, text is transliterated to
 * ASCII, lower-cased, every run of characters outside [a-z0-9] becomes one dash, and dashes are trimmed
 * ("UlTrA  \tPrOdUcTiOn" -> "ultra-production"). The npm slugify packages differ from it (e.g. '&' -> 'and', or
 * keeping case/underscores), so this small pure function follows python-slugify's defaults instead. Transliteration
 * is approximated by Unicode decomposition (é -> e); characters with no ASCII decomposition are dropped like any
 * other separator.
 */
export function slugify(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Rule 11 in one place: the slug a typed name (deployment, project display name) stands for, or undefined when it has no
 * letter or digit and so cannot name anything. Every caller (deciders, flows, the CLI's parsers) asks this.
 */
export function slugOf(name: string): string | undefined {
  const slug = slugify(name);
  return slug === "" ? undefined : slug;
}

/**
 * The same rule as a codec: decodes a typed name into its slug (a `Slug`), refusing a name with no letter or digit.
 * Encoding gives the slug back, so a decoded slug decodes to itself.
 */
export const SlugFromName = new t.Type<string, string, unknown>(
  "a name with at least one letter or digit",
  (u): u is string => typeof u === "string" && SLUG_PATTERN.test(u),
  (u, c) => {
    const slug = typeof u === "string" ? slugOf(u) : undefined;
    return slug === undefined ? t.failure(u, c) : t.success(slug);
  },
  t.identity,
);
