import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";
import { unsafeDisplayTextProblem } from "../naming/safe-text.js";
import type { NotificationType } from "./vocabulary.js";

/** Longest webhook URL kept: what browsers and most HTTP servers accept in a request line. */
export const MAX_WEBHOOK_LENGTH = 2048;
/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;

const WEBHOOK_SHAPE = /^https?:\/\/\S+$/;
/** `x@y.tld`: RFC 5322 atext in the local part, host-name labels, and a top-level domain of letters (or punycode). */
const EMAIL_SHAPE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

function webhookProblem(recipient: string): string | undefined {
  if (recipient.length > MAX_WEBHOOK_LENGTH) return `it is longer than ${MAX_WEBHOOK_LENGTH} characters`;
  if (!WEBHOOK_SHAPE.test(recipient)) return "it must be an http:// or https:// URL";
  let url: URL;
  try {
    url = new URL(recipient);
  } catch {
    return "it is not a valid URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "it must be an http:// or https:// URL";
  if (url.hostname === "") return "it has no host";
  // Credentials in the URL would be printed by `list` and copied into every delivery record.
  if (url.username !== "" || url.password !== "") return "it must not contain a user name or password";
  return undefined;
}

function emailProblem(recipient: string): string | undefined {
  if (recipient.length > MAX_EMAIL_LENGTH) return `it is longer than ${MAX_EMAIL_LENGTH} characters`;
  if (!EMAIL_SHAPE.test(recipient)) return "it must look like name@domain.tld";
  return undefined;
}

/**
 * Rule 50: a webhook is an http(s) URL that really parses, with no credentials in it; an email looks like
 * `x@y.tld`. Both are bounded and printable as they are (no control or bidi characters), so a terminal shows the
 * recipient exactly as stored.
 */
export function checkRecipient(type: NotificationType, recipient: string): Either<DomainError, string> {
  const problem = unsafeDisplayTextProblem(recipient, "it") ?? (type === "webhook" ? webhookProblem(recipient) : emailProblem(recipient));
  return problem === undefined ? right(recipient) : left(DomainErrors.notificationRecipientInvalid(type, recipient, problem));
}
