import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
import{normalizeRepositoryUrl}from"./chunk-SP7XTYPL.js";import path from"node:path";function repositoryArgument(value,baseDirectory=process.cwd()){if(/^[a-z][a-z0-9+.-]*:\/\//i.test(value)||/^[^/\\]+@[^/\\]+:/.test(value))return value;let absolute=path.resolve(baseDirectory,value),canonical=normalizeRepositoryUrl(absolute);return canonical._tag==="Right"?canonical.right:absolute}export{repositoryArgument};
//# sourceMappingURL=chunk-L4ZCGBV7.js.map
