import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
function sameRowCheckpoint(a,b){return a===void 0||b===void 0?a===b:a.version===b.version&&a.position===b.position}export{sameRowCheckpoint};
//# sourceMappingURL=chunk-MSVS2ZIP.js.map
