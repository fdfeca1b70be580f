/**
 * How many terminal columns a piece of text takes: East Asian wide and fullwidth characters and emoji take two,
 * combining marks and zero-width characters none, everything else one. Text is measured per grapheme (a flag or a
 * family emoji is one glyph), after the caller has escaped control characters, which have no width of their own.
 */

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf})+$/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** What only a grapheme-by-grapheme measure gets right: emoji, flags, joiners, variation selectors, combining marks. */
const NEEDS_GRAPHEMES = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{M}|\p{Cf}/u;

// Made on first use: building a segmenter loads ICU's break data (~20 ms at start-up), and ASCII tables never need it.
let segmenter: Intl.Segmenter | undefined;

/** The East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, as the terminal table libraries use them). */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    codePoint === 0x2329 ||
    codePoint === 0x232a ||
    (codePoint >= 0x2e80 && codePoint <= 0x3247 && codePoint !== 0x303f) ||
    (codePoint >= 0x3250 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0xa4c6) ||
    (codePoint >= 0xa960 && codePoint <= 0xa97c) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe10 && codePoint <= 0xfe19) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe6b) ||
    (codePoint >= 0xff01 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1b000 && codePoint <= 0x1b001) ||
    (codePoint >= 0x1f200 && codePoint <= 0x1f251) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

function graphemeWidth(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  // Otherwise code point by code point, as wcwidth does: a spacing mark (Mc) joins the grapheme before it (even a space
  // or a table's padding) but still takes its own column, so a cell measures the same alone and inside its line.
  let width = 0;
  for (const character of grapheme) width += ZERO_WIDTH.test(character) ? 0 : isWide(character.codePointAt(0)!) ? 2 : 1;
  return width;
}

export function displayWidth(text: string): number {
  // Nearly every cell is plain ASCII, and most others have no emoji or combining marks: one regex test instead of
  // segmenting keeps big tables fast.
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let width = 0;
  if (!NEEDS_GRAPHEMES.test(text)) {
    for (const character of text) width += isWide(character.codePointAt(0)!) ? 2 : 1;
    return width;
  }
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}
