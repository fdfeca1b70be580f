import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
function currentInstant(){let pinned=process.env.CLOUD_LEDGER_NOW;return pinned!==void 0&&pinned!==""&&!Number.isNaN(Date.parse(pinned))?new Date(Date.parse(pinned)).toISOString():new Date().toISOString()}export{currentInstant};
//# sourceMappingURL=chunk-3WBCJJGU.js.map
