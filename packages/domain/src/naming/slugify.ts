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
