import { UsageError } from "./cli-errors.js";

export interface SecretValueOptions {
  readonly value?: string;
  readonly valueStdin?: boolean;
  readonly valueEnv?: string;
}

/** The domain takes at most 65536 characters, at most 4 UTF-8 bytes each: reading more than this is pointless. */
const MAX_STDIN_BYTES = 65_536 * 4;

/** True when the value was typed on the command line, where `ps` and shell history show it. */
export function valueOnCommandLine(options: SecretValueOptions): boolean {
  return options.value !== undefined;
}

/**
 * The value from exactly one source: `--value-stdin` (all of standard input, less one final line break, as `echo`
 * or a here-string adds one), `--value-env NAME`, or `--value VALUE`.
 */
export async function readSecretValue(options: SecretValueOptions, stdin: AsyncIterable<unknown> = process.stdin): Promise<string> {
  const sources = [options.valueStdin === true, options.valueEnv !== undefined, options.value !== undefined].filter(Boolean).length;
  if (sources === 0) throw new UsageError("give the value with --value-stdin, --value-env NAME or --value VALUE");
  if (sources > 1) throw new UsageError("give the value one way only: --value-stdin, --value-env NAME or --value VALUE");
  if (options.valueStdin === true) return readStdin(stdin);
  if (options.valueEnv !== undefined) {
    // Never echo the name: a value pasted by mistake in its place must not end up in an error message.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.valueEnv)) {
      throw new UsageError("--value-env takes the name of an environment variable (letters, digits and _)");
    }
    const value = process.env[options.valueEnv];
    if (value === undefined) throw new UsageError("the environment variable named by --value-env is not set");
    return value;
  }
  return options.value ?? "";
}

async function readStdin(stdin: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_STDIN_BYTES) {
      throw new UsageError(`the value on standard input is longer than a secret may be (over ${MAX_STDIN_BYTES} bytes)`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
