import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
import{CorruptCheckpointError,openSqliteCheckpointStore,openSqliteEventStore,withSqliteTransaction}from"./chunk-BWC6B5EJ.js";import"./chunk-QBMWSNFW.js";import"./chunk-ACF455A7.js";import{SchemaTooNewError}from"./chunk-LNSZ7WKV.js";import"./chunk-NOLQ3QCR.js";import"./chunk-AHFP5ZYH.js";import"./chunk-KM5XQYVG.js";import"./chunk-PVUEHHK4.js";import"./chunk-OLI5NR4L.js";export{CorruptCheckpointError,SchemaTooNewError,openSqliteCheckpointStore,openSqliteEventStore,withSqliteTransaction};
//# sourceMappingURL=sqlite-PE5XL3FG.js.map
