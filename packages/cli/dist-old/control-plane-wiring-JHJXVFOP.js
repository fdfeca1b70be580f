// src/runtime/control-plane-wiring.ts
import { createControlPlane } from "@cloud-ledger/domain";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
function wireControlPlane(options, ids) {
  return createControlPlane({
    store: options.store,
    clock: options.clock ?? createSystemClock(),
    ids,
    git: createGitResolver(options.baseDirectory === void 0 ? {} : { baseDirectory: options.baseDirectory }),
    // The CLI runs in Node: native SHA-256, same digests as the domain's portable default.
    sha256: nodeSha256Hex,
    ...options.vault === void 0 ? {} : { vault: options.vault }
  });
}
export {
  wireControlPlane
};
//# sourceMappingURL=control-plane-wiring-JHJXVFOP.js.map