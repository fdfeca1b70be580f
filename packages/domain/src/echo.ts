/** The most characters of one caller-supplied value that an error message repeats. */
export const ECHO_LIMIT = 200;

/**
 * A value as an error message repeats it: whole when short, otherwise its first `limit` characters, an ellipsis and
 * the original length. Every message that quotes input goes through this, so a 1 MB name cannot become a 1 MB
 * message, log line or terminal page.
 */
export function echo(value: string, limit = ECHO_LIMIT): string {
  if (value.length <= limit) return value;
  // Never cut a surrogate pair in half: the message must stay valid Unicode.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(limit - 1)) ? limit - 1 : limit;
  return `${value.slice(0, end)}… (${value.length} characters)`;
}
