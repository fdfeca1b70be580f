export { nodeSha256Hex } from "./node-sha256.js";
export { signSeal, verifySeal } from "./ed25519-seal.js";
