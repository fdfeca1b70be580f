/**
 * One CLI process for reliability-secrets-processes.test.ts: waits for "go" on stdin, then runs `config env set` for
 * its own names (values from an environment variable, as a script would) and prints the names it was told were set.
 */
import { createInterface } from "node:readline";
import { buildProgram } from "@cloud-ledger/cli";

const [workerId, count] = process.argv.slice(2);
if (workerId === undefined || count === undefined) throw new Error("usage: worker <id> <count>");

const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
for await (const line of lines) if (line === "go") break;
lines.close();

const set: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const name = `W${workerId}_SECRET_${i}`;
  process.env.WORKER_SECRET = `value-of-${name}-${"x".repeat(i)}`;
  const argv = [
    "node",
    "cloud-ledger",
    "config",
    "env",
    "set",
    "--key",
    name,
    "--value-env",
    "WORKER_SECRET",
    "--org",
    "acme",
    "--project",
    "Acme Data",
  ];
  // Both processes append to the one project stream: a command that kept losing that race is run again, as a user would.
  for (let attempt = 1; ; attempt++) {
    try {
      await buildProgram().parseAsync(argv);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "conflict" || attempt === 5) throw error;
    }
  }
  set.push(name);
}
process.stdout.write(`${JSON.stringify(set)}\n`);
