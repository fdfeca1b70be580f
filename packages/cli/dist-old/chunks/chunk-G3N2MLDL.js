import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
var UsageError=class extends Error{name="UsageError";exitCode=2},CliFailure=class extends Error{constructor(message,code="failed"){super(message);this.code=code}code;name="CliFailure";exitCode=1};export{UsageError,CliFailure};
//# sourceMappingURL=chunk-G3N2MLDL.js.map
