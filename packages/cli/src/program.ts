import { Command } from "commander";
import { registerSessionCommands } from "./commands/session.js";
import { registerManifestCommand } from "./commands/manifest.js";
import { addGlobalOptions } from "./runtime/global-options.js";

/** The command tree; each command lives in its own file under `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command("cloud-ledger")
    .description("Run the Meltano Cloud control plane locally on an embedded event store, and audit any event log.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(add --help for additional information)");
  addGlobalOptions(program);
  registerSessionCommands(program);
  registerManifestCommand(program);
  return program;
}
