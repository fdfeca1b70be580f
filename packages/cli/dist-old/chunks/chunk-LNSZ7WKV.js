import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
var SchemaTooNewError=class extends Error{constructor(component,found,known){super(`The database's ${component} schema is at version ${found}, newer than this library's ${known}; upgrade cloud-ledger`);this.component=component;this.found=found;this.known=known}component;found;known;name="SchemaTooNewError"};function migrate(db,component,steps){db.transaction(()=>{db.exec("CREATE TABLE IF NOT EXISTS cloud_ledger_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT");let found=db.prepare("SELECT version FROM cloud_ledger_schema WHERE component = ?").pluck().get(component)??0;if(found>steps.length)throw new SchemaTooNewError(component,found,steps.length);for(let version=found;version<steps.length;version+=1)db.exec(steps[version]);found<steps.length&&db.prepare("INSERT INTO cloud_ledger_schema (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version").run(component,steps.length)}).immediate()}function assertMigrated(db,component,steps){let found=db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cloud_ledger_schema'").pluck().get()!==void 0?db.prepare("SELECT version FROM cloud_ledger_schema WHERE component = ?").pluck().get(component)??0:0;if(found>steps.length)throw new SchemaTooNewError(component,found,steps.length);if(found<steps.length)throw new Error(`The database's ${component} schema is at version ${found}, older than this library's ${steps.length}; open it once for writing to upgrade it`)}var EVENT_STORE_MIGRATIONS=[`CREATE TABLE events (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     stream TEXT NOT NULL,
     version INTEGER NOT NULL,
     event_id TEXT NOT NULL,
     type TEXT NOT NULL,
     schema_version INTEGER NOT NULL,
     data TEXT NOT NULL,
     metadata TEXT NOT NULL,
     hash TEXT NOT NULL,
     UNIQUE (stream, version)
   ) STRICT`];export{SchemaTooNewError,migrate,assertMigrated,EVENT_STORE_MIGRATIONS};
//# sourceMappingURL=chunk-LNSZ7WKV.js.map
