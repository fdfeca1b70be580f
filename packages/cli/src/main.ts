#!/usr/bin/env node
import { CommanderError } from "commander";
import { buildProgram } from "./program.js";

// Exit codes: 0 success, 1 domain error, 2 usage error.
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
