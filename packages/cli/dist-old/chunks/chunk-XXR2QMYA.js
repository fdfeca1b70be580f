import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
import{later,openDatabase}from"./chunk-NOLQ3QCR.js";var MAX_LOG_LINE_CHARS=8192,SCHEMA=`
  CREATE TABLE IF NOT EXISTS execution_log (
    execution_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr')),
    text TEXT NOT NULL,
    PRIMARY KEY (execution_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS runner_lease (
    execution_id TEXT PRIMARY KEY,
    runner_id TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  );
`;function boundLine(text,max){if(text.length<=max)return text;let end=max,last=text.charCodeAt(end-1);return last>=55296&&last<=56319&&(end-=1),`${text.slice(0,end)}\u2026 [line cut: ${text.length-end} more characters]`}function openSqliteExecutionLogStore(options){let maxLineChars=options.maxLineChars??MAX_LOG_LINE_CHARS;if(!Number.isSafeInteger(maxLineChars)||maxLineChars<16)throw new RangeError("maxLineChars must be an integer >= 16");let db=openDatabase({path:options.path,synchronous:"NORMAL"});db.exec(SCHEMA);let lastSeq=db.prepare("SELECT MAX(seq) AS seq FROM execution_log WHERE execution_id = ?"),insert=db.prepare("INSERT INTO execution_log (execution_id, seq, at, stream, text) VALUES (?, ?, ?, ?, ?)"),select=db.prepare("SELECT seq, at, stream, text FROM execution_log WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?"),upsertLease=db.prepare(`INSERT INTO runner_lease (execution_id, runner_id, heartbeat_at) VALUES (?, ?, ?)
     ON CONFLICT (execution_id) DO UPDATE SET runner_id = excluded.runner_id, heartbeat_at = excluded.heartbeat_at`),deleteLease=db.prepare("DELETE FROM runner_lease WHERE execution_id = ?"),selectLeases=db.prepare("SELECT execution_id AS executionId, runner_id AS runnerId, heartbeat_at AS heartbeatAt FROM runner_lease ORDER BY execution_id"),appendBatch=db.transaction((executionId,lines)=>{let seq=lastSeq.get(executionId)?.seq??0;for(let line of lines)insert.run(executionId,++seq,line.at,line.stream,boundLine(line.text,maxLineChars))}),closed=!1;return{append:(executionId,lines)=>later(()=>lines.length===0?void 0:appendBatch.immediate(executionId,lines)),read:(executionId,readOptions={})=>later(()=>select.all(executionId,readOptions.afterSeq??0,readOptions.limit??Number.MAX_SAFE_INTEGER)),heartbeat:lease=>later(()=>{upsertLease.run(lease.executionId,lease.runnerId,lease.heartbeatAt)}),release:executionId=>later(()=>{deleteLease.run(executionId)}),leases:()=>later(()=>selectLeases.all()),close:()=>later(()=>{closed||(closed=!0,db.close())})}}import path from"node:path";function executionLogPath(home){return path.join(home,"executions.sqlite")}export{openSqliteExecutionLogStore,executionLogPath};
//# sourceMappingURL=chunk-XXR2QMYA.js.map
