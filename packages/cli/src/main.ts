#!/usr/bin/env node
import { buildProgram } from "./program.js";
import { reportError } from "./runtime/report-error.js";

// Exit codes: 0 success, 1 domain error (or a store/log that cannot be used), 2 usage error.
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, process.argv);
}
