import { echo } from "../echo.js";

/**
 * The largest project file (`meltano.yml` or an included file) either reader accepts. Parsing YAML costs far more
 * than reading it; real manifests are kilobytes, so this only stops a file that would tie up the control plane.
 */
export const MANIFEST_FILE_BYTE_LIMIT = 4 * 1024 * 1024;

/** The most bytes of project files (meltano.yml and everything it includes) read for one project. */
export const MANIFEST_TOTAL_BYTE_LIMIT = 16 * 1024 * 1024;

/** Why a reader refused a project file before parsing it. */
export type ProjectFileRefusal =
  | { readonly kind: "manifest-too-large"; readonly file: string; readonly bytes: number; readonly limit: number; readonly message: string }
  | { readonly kind: "manifest-is-a-link"; readonly file: string; readonly message: string };

export function manifestTooLarge(file: string, bytes: number): ProjectFileRefusal {
  return {
    kind: "manifest-too-large",
    file,
    bytes,
    limit: MANIFEST_FILE_BYTE_LIMIT,
    message: `Project file '${echo(file)}' is ${bytes} bytes; the limit is ${MANIFEST_FILE_BYTE_LIMIT} bytes (4 MiB) per file.`,
  };
}

/** Reading `file` would take the project's files past MANIFEST_TOTAL_BYTE_LIMIT (`bytes` is the total with it). */
export function manifestTotalTooLarge(file: string, bytes: number): ProjectFileRefusal {
  return {
    kind: "manifest-too-large",
    file,
    bytes,
    limit: MANIFEST_TOTAL_BYTE_LIMIT,
    message:
      `Project files come to ${bytes} bytes with '${echo(file)}'; ` +
      `the limit is ${MANIFEST_TOTAL_BYTE_LIMIT} bytes (16 MiB) for meltano.yml and all its included files.`,
  };
}

export function manifestIsALink(file: string): ProjectFileRefusal {
  return {
    kind: "manifest-is-a-link",
    file,
    message:
      `Project file '${echo(file)}' is a symbolic link; links are not followed (they could point outside the project). ` +
      "Commit the file itself.",
  };
}

/**
 * Thrown by a reader's `ManifestSource.readFile` to stop parsing at a refused file; the reader that threw it
 * catches it and returns the refusal as its typed error.
 */
export class ProjectFileRefusedError extends Error {
  override readonly name = "ProjectFileRefusedError";
  constructor(readonly refusal: ProjectFileRefusal) {
    super(refusal.message);
  }
}
