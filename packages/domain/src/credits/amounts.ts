import { left, right, type Either } from "fp-ts/lib/Either.js";

/*
 * Credits are counted in integer thousandths ("millicredits"): the fee schedule's smallest step is 0.01 credit (extra
 * egress), so thousandths hold every amount exactly, and sums of integers never drift the way sums of floats do.
 * Events carry amounts as canonical decimal text ("12.5"), which reads well in a log and converts without rounding.
 */
export const MILLICREDITS_PER_CREDIT = 1000;

/** One purchase is at most 1,000,000 credits: the top price tier of Meltano Cloud's fee schedule starts there. */
export const MAX_PURCHASE_MILLICREDITS = 1_000_000 * MILLICREDITS_PER_CREDIT;

/** Canonical credit text: no leading zeros, no trailing fractional zeros, at most three decimals, at most 10 digits. */
export const CREDIT_TEXT_PATTERN = /^(0|[1-9][0-9]{0,9})(\.[0-9]{0,2}[1-9])?$/;

/** What a person may type as an amount: digits with an optional fraction (trailing zeros and a leading `+` are fine). */
const TYPED_AMOUNT = /^\+?([0-9]{1,10})(?:\.([0-9]{1,3}))?$/;

/** "12.5" for 12500 millicredits; "-0.5" for -500 (a balance can go below zero, an amount in an event cannot). */
export function formatCredits(millicredits: number): string {
  const sign = millicredits < 0 ? "-" : "";
  const magnitude = Math.abs(millicredits);
  const whole = Math.floor(magnitude / MILLICREDITS_PER_CREDIT);
  const fraction = String(magnitude % MILLICREDITS_PER_CREDIT)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** The millicredits of canonical credit text (as events carry it); undefined when the text is not such an amount. */
export function millicreditsOf(text: string): number | undefined {
  if (!CREDIT_TEXT_PATTERN.test(text)) return undefined;
  const [whole = "0", fraction = ""] = text.split(".");
  return Number(whole) * MILLICREDITS_PER_CREDIT + Number(fraction.padEnd(3, "0"));
}

/**
 * A purchase amount as typed ("100", "12.5", "0.25"): more than zero, at most MAX_PURCHASE_MILLICREDITS, at most three
 * decimals. Left is why not, in words a user can act on.
 */
export function parsePurchaseAmount(typed: string): Either<string, number> {
  const match = TYPED_AMOUNT.exec(typed.trim());
  if (match === null) return left("it must be a number of credits with at most three decimals, such as 100 or 12.5");
  const millicredits = Number(match[1]) * MILLICREDITS_PER_CREDIT + Number((match[2] ?? "").padEnd(3, "0"));
  if (millicredits <= 0) return left("it must be more than zero");
  if (millicredits > MAX_PURCHASE_MILLICREDITS) return left(`it must be at most ${formatCredits(MAX_PURCHASE_MILLICREDITS)} credits`);
  return right(millicredits);
}
