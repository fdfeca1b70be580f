/** Webhook URLs longer than this are refused (the notifications domain bounds recipients the same way). */
export const WEBHOOK_URL_LIMIT = 4096;

/**
 * Why a URL may not receive a delivery, or undefined. Checked again before every POST and redirect, whatever
 * validated the recipient when it was set: only http(s), no user name or password, a host.
 */
export function webhookUrlProblem(url: string): string | undefined {
  if (url.length > WEBHOOK_URL_LIMIT) return `the URL is longer than ${WEBHOOK_URL_LIMIT} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "the URL does not parse";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `the URL's scheme '${parsed.protocol.slice(0, 20)}' is not http or https`;
  if (parsed.username !== "" || parsed.password !== "") return "the URL carries credentials";
  if (parsed.hostname === "") return "the URL has no host";
  return undefined;
}
