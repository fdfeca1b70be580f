// Types of bundle.mjs (plain JavaScript, so `pnpm build` needs nothing compiled first) for the tests that import it.
import type { BuildOptions } from "esbuild";

export declare const EXTERNAL: readonly string[];
export declare const BUNDLE_OPTIONS: BuildOptions;
