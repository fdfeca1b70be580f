import { escapeForDisplay } from "@cloud-ledger/domain/safe-text";

/**
 * Text of one or more lines for people, each line escaped with the domain's safe-text rule: the line breaks the CLI
 * wrote itself stay, while a control or bidi character inside a name (from an older event, a file or a message that
 * echoes input) is shown as `\u{...}` instead of acting on the terminal.
 */
export function terminalText(text: string): string {
  return text.includes("\n") ? text.split("\n").map(escapeForDisplay).join("\n") : escapeForDisplay(text);
}
