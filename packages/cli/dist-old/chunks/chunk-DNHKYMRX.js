import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
import{escapeForDisplay}from"./chunk-KWOUJOYY.js";function terminalText(text){return text.includes(`
`)?text.split(`
`).map(escapeForDisplay).join(`
`):escapeForDisplay(text)}export{terminalText};
//# sourceMappingURL=chunk-DNHKYMRX.js.map
