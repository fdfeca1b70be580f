#!/usr/bin/env node
import { buildProgramFor } from "./lazy-program.js";
import { reportError } from "./runtime/report-error.js";

// Exit codes: 0 success, 1 domain error (or a store/log that cannot be used), 2 usage error.
try {
  await (await buildProgramFor(process.argv)).parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, process.argv);
}
