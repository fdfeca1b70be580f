export { exportToNdjson } from "./export-ndjson.js";
export type { ExportOptions, ExportResult } from "./export-ndjson.js";
export { importFromNdjson } from "./import-ndjson.js";
export type { ImportOptions, ImportResult, NdjsonSource } from "./import-ndjson.js";
export { canonicalJson, NDJSON_FORMAT, NDJSON_HEADER, NDJSON_VERSION, NdjsonFormatError, serializeEvent } from "./ndjson-format.js";
export { readNdjsonEvents } from "./read-ndjson.js";
export type { ReadNdjsonOptions } from "./read-ndjson.js";
