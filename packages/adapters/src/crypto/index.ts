export { nodeSha256Hex } from "./node-sha256.js";
