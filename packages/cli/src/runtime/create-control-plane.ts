import { createControlPlane, type ControlPlane, type IdGenerator } from "@cloud-ledger/domain";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import type { ControlPlaneClientOptions } from "./control-plane-client.js";

/**
 * The control plane over the CLI's store, real git and the system clock. Its own module, imported dynamically by
 * control-plane-client.ts, so esbuild bundles the deciders into chunks only commands that dispatch load.
 */
export function nodeControlPlane(options: ControlPlaneClientOptions, ids: IdGenerator): ControlPlane {
  return createControlPlane({
    store: options.store,
    clock: options.clock ?? createSystemClock(),
    ids,
    git: createGitResolver(options.baseDirectory === undefined ? {} : { baseDirectory: options.baseDirectory }),
    // The CLI runs in Node: native SHA-256, same digests as the domain's portable default.
    sha256: nodeSha256Hex,
    ...(options.vault === undefined ? {} : { vault: options.vault }),
  });
}
