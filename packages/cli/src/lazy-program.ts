import { Help, type Command } from "commander";
import { COMMAND_GROUPS, type CommandGroup } from "./command-groups.js";
import { createBaseProgram } from "./program-base.js";

/**
 * The first operand of the command line (the command's name), skipping options and the values of the global options
 * that take one (`--store x`, `--format=json`). `help <command>` names the command it asks about.
 */
export function commandNameOf(program: Command, args: readonly string[]): string | undefined {
  const valued = new Set(
    program.options.filter((option) => option.required || option.optional).flatMap((option) => [option.long, option.short]),
  );
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index]!;
    if (argument === "--") return args[index + 1];
    if (argument.startsWith("-")) {
      if (!argument.includes("=") && valued.has(argument)) index += 1;
      continue;
    }
    return argument === "help" ? (args[index + 1] ?? argument) : argument;
  }
  return undefined;
}

/**
 * A placeholder that lists a command in the help without loading its file. Reached only if the command name was
 * not recognised up front (an unusual spelling of the options before it): it then loads the real command and runs the
 * whole command line again with it.
 */
function addPlaceholders(program: Command, argv: readonly string[]): void {
  const terms = new WeakMap<Command, string>();
  const help = new Help();
  program.configureHelp({ subcommandTerm: (command) => terms.get(command) ?? help.subcommandTerm(command) });
  for (const group of COMMAND_GROUPS) {
    for (const { name, term, description } of group.commands) {
      const placeholder = program
        .command(name)
        .description(description)
        .helpOption(false)
        .allowUnknownOption()
        .allowExcessArguments()
        .argument("[arguments...]")
        .action(async () => {
          await (await withGroup(group)).parseAsync(argv);
        });
      terms.set(placeholder, term);
    }
  }
}

async function withGroup(group: CommandGroup): Promise<Command> {
  const program = createBaseProgram();
  (await group.load())(program);
  return program;
}

/**
 * The program for one command line: only the file of the command being run is imported. `--help`, `--version` and an
 * unknown command get the list of every command without loading any of them.
 */
export async function buildProgramFor(argv: readonly string[]): Promise<Command> {
  const program = createBaseProgram();
  const name = commandNameOf(program, argv.slice(2));
  const group = COMMAND_GROUPS.find((candidate) => candidate.commands.some((command) => command.name === name));
  if (group !== undefined) return withGroup(group);
  addPlaceholders(program, argv);
  return program;
}
