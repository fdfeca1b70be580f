export { exportToNdjson } from "./export-ndjson.js";
export type { ExportOptions, ExportResult } from "./export-ndjson.js";
export { importFromNdjson, prepareNdjsonImport } from "./import-ndjson.js";
export type { EventCheck, ImportOptions, ImportResult, ImportStore, NdjsonSource, PreparedImport } from "./import-ndjson.js";
export {
  canonicalJson,
  ImportTargetError,
  NDJSON_FORMAT,
  NDJSON_HEADER,
  NDJSON_VERSION,
  NdjsonFormatError,
  serializeEvent,
} from "./ndjson-format.js";
export { MAX_EVENT_LINE_LENGTH } from "./read-lines.js";
export { readNdjsonEvents } from "./read-ndjson.js";
export type { ReadNdjsonOptions } from "./read-ndjson.js";
