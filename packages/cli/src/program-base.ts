import { Command } from "commander";
import { terminalText } from "./output/terminal-text.js";
import { addGlobalOptions } from "./runtime/global-options.js";

/**
 * The program without its commands: name, version, global options and how commander prints. Light on purpose (commander
 * and the domain-free option parsers only): `--version` and `--help` are answered from here.
 */
export function createBaseProgram(): Command {
  const program = new Command("cloud-ledger")
    .description("Run the Meltano Cloud control plane locally on an embedded event store, and audit any event log.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(add --help for additional information)")
    // commander echoes what was typed ("unknown command '…'", "argument '…' is invalid"): escaped, it cannot act on the terminal.
    .configureOutput({
      writeOut: (text) => process.stdout.write(terminalText(text)),
      writeErr: (text) => process.stderr.write(terminalText(text)),
    });
  addGlobalOptions(program);
  return program;
}
