import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
import{assertValidStreamTailRequests}from"./chunk-TA6YYFEH.js";import{InvalidPostgresOptionsError,openConnection}from"./chunk-SXNSUF6S.js";import{createAppendQueue}from"./chunk-QBMWSNFW.js";import{assertValidSnapshot,partResult,planAppends,streamsOf}from"./chunk-ACF455A7.js";import{StoreClosedError,assertValidAppend,assertValidReadAllOptions,assertValidReadStreamOptions,assertValidStreamAppends,assertValidStreamName,checkExpectedVersion,newEventProblem}from"./chunk-AHFP5ZYH.js";import{CorruptEventError,WrongExpectedVersionError}from"./chunk-KM5XQYVG.js";import"./chunk-PVUEHHK4.js";import"./chunk-OLI5NR4L.js";var BatchRaceError=class extends Error{name="BatchRaceError";constructor(){super("a stream of the batch was created by another writer while the batch was planned")}};function lockStreamsStatement(t){return`SELECT stream_name, version FROM ${t("cl_streams")} WHERE stream_name = ANY($1::text[]) ORDER BY stream_name FOR UPDATE`}function batchWriteStatement(t){return`
    WITH
    updated AS (
      UPDATE ${t("cl_streams")} AS s SET version = u.version
      FROM unnest($1::text[], $2::bigint[]) AS u(stream_name, version)
      WHERE s.stream_name = u.stream_name
      RETURNING 1
    ),
    created AS (
      INSERT INTO ${t("cl_streams")} (stream_name, version)
      SELECT * FROM unnest($3::text[], $4::bigint[]) ORDER BY 1
      ON CONFLICT (stream_name) DO NOTHING
      RETURNING 1
    ),
    head AS (
      UPDATE ${t("cl_head")} SET position = position + $6::bigint
      WHERE id AND (SELECT count(*) FROM updated) + (SELECT count(*) FROM created) = $5::bigint
      RETURNING position - $6::bigint AS base
    ),
    inserted AS (
      INSERT INTO ${t("cl_events")}
        (global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash)
      SELECT (SELECT base FROM head) + e.ord, e.stream_name, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.hash
      FROM unnest($7::text[], $8::bigint[], $9::text[], $10::text[], $11::integer[], $12::text[], $13::text[], $14::text[])
        WITH ORDINALITY AS e(stream_name, version, event_id, type, schema_version, data, metadata, hash, ord)
      WHERE (SELECT base FROM head) IS NOT NULL
    )
    SELECT (SELECT base FROM head) AS base`}function addEvents(columns,part){part.events.forEach((event,index)=>{columns.stream.push(part.streamName),columns.version.push(part.current+index+1),columns.eventId.push(event.eventId),columns.type.push(event.type),columns.schemaVersion.push(event.schemaVersion),columns.data.push(JSON.stringify(event.data)),columns.metadata.push(JSON.stringify(event.metadata)),columns.hash.push(event.hash)})}async function writeBatch(run,t,units){let locked=await run(lockStreamsStatement(t),[streamsOf(units)]),versions=new Map(locked.map(row=>[row.stream_name,Number(row.version)])),plans=planAppends(units,streamName=>versions.get(streamName)??0),columns={stream:[],version:[],eventId:[],type:[],schemaVersion:[],data:[],metadata:[],hash:[]},finalVersions=new Map,firstIndex=new Map;for(let plan of plans)if(plan.ok)for(let part of plan.parts)part.events.length!==0&&(firstIndex.set(part,columns.stream.length+1),addEvents(columns,part),finalVersions.set(part.streamName,part.current+part.events.length));let base=0;if(columns.stream.length>0){let updated=[...finalVersions].filter(([name])=>versions.has(name)),created=[...finalVersions].filter(([name])=>!versions.has(name)),[row]=await run(batchWriteStatement(t),[updated.map(([name])=>name),updated.map(([,version])=>version),created.map(([name])=>name),created.map(([,version])=>version),finalVersions.size,columns.stream.length,columns.stream,columns.version,columns.eventId,columns.type,columns.schemaVersion,columns.data,columns.metadata,columns.hash]);if(row?.base===null||row?.base===void 0)throw new BatchRaceError;base=Number(row.base)}return plans.map(plan=>plan.ok?{ok:!0,results:plan.parts.map(part=>partResult(part,base+(firstIndex.get(part)??0)))}:plan)}function appendStatement(t,rows){return`
    WITH
    bumped AS (
      UPDATE ${t("cl_streams")} SET version = version + $3::bigint
      WHERE stream_name = $1::text
        AND ($2::text = 'stream_exists' OR ($2::text = 'exact' AND version = $4::bigint))
      RETURNING version
    ),
    created AS (
      INSERT INTO ${t("cl_streams")} AS s (stream_name, version)
      SELECT $1::text, $3::bigint WHERE $2::text IN ('any', 'no_stream')
      ON CONFLICT (stream_name) DO UPDATE SET version = s.version + $3::bigint WHERE $2::text = 'any'
      RETURNING version
    ),
    stream AS (SELECT version FROM bumped UNION ALL SELECT version FROM created),
    head AS (
      UPDATE ${t("cl_head")} SET position = position + $3::bigint
      WHERE id AND EXISTS (SELECT 1 FROM stream)
      RETURNING position - $3::bigint AS base
    ),
    inserted AS (
      INSERT INTO ${t("cl_events")}
        (global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash)
      SELECT (SELECT base FROM head) + e.ord, $1::text, (SELECT version FROM stream) - $3::bigint + e.ord,
             e.event_id, e.type, e.schema_version, e.data, e.metadata, e.hash
      FROM ${eventRows(rows)}
      WHERE (SELECT base FROM head) IS NOT NULL AND e.ord <= $3::bigint
    )
    SELECT (SELECT version FROM stream) AS version, (SELECT base FROM head) AS base`}var MAX_VALUES_ROWS=128;function rowsFor(count){if(count>MAX_VALUES_ROWS)return"arrays";let rows=1;for(;rows<count;)rows*=2;return rows}function eventRows(rows){if(rows==="arrays")return`unnest($5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[])
             WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, hash, ord)`;let values=[];for(let row=0;row<rows;row+=1){let p=5+row*6;values.push(`(${row+1}, $${p}::text, $${p+1}::text, $${p+2}::integer, $${p+3}::text, $${p+4}::text, $${p+5}::text)`)}return`(VALUES ${values.join(", ")}) AS e(ord, event_id, type, schema_version, data, metadata, hash)`}function appendParameters(streamName,events,expected,rows){let head=[streamName,typeof expected=="number"?expected===0?"no_stream":"exact":expected,events.length,typeof expected=="number"&&expected>0?expected:null];if(rows==="arrays")return[...head,events.map(e=>e.eventId),events.map(e=>e.type),events.map(e=>e.schemaVersion),events.map(e=>JSON.stringify(e.data)),events.map(e=>JSON.stringify(e.metadata)),events.map(e=>e.hash)];let values=head;for(let e of events)values.push(e.eventId,e.type,e.schemaVersion,JSON.stringify(e.data),JSON.stringify(e.metadata),e.hash);for(let spare=events.length;spare<rows;spare+=1)values.push(null,null,null,null,null,null);return values}var EVENT_COLUMNS="global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash";function parseJson(text,what,fail){try{return JSON.parse(text)}catch(error){throw fail(`${what} is not valid JSON (${error instanceof Error?error.message:String(error)})`)}}function decodeEventRow(row){let version=Number(row.version),fail=reason=>new CorruptEventError(row.stream_name,version,reason),data=parseJson(row.data,"data",fail),metadata=parseJson(row.metadata,"metadata",fail),event={eventId:row.event_id,type:row.type,schemaVersion:row.schema_version,data,metadata,hash:row.hash},problem=newEventProblem({...event,data:null});if(problem!==void 0)throw fail(problem);return{streamName:row.stream_name,version,globalPosition:Number(row.global_position),...event}}var MIGRATIONS=[{version:1,name:"event log, stream versions and the global head",sql:t=>`
      CREATE TABLE ${t("cl_streams")} (
        stream_name text PRIMARY KEY,
        version bigint NOT NULL CHECK (version >= 1)
      );
      CREATE TABLE ${t("cl_head")} (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        position bigint NOT NULL CHECK (position >= 0)
      );
      INSERT INTO ${t("cl_head")} (id, position) VALUES (true, 0);
      CREATE TABLE ${t("cl_events")} (
        global_position bigint PRIMARY KEY CHECK (global_position >= 1),
        stream_name text NOT NULL,
        version bigint NOT NULL CHECK (version >= 1),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data text NOT NULL,
        metadata text NOT NULL,
        hash text NOT NULL,
        UNIQUE (stream_name, version)
      );`},{version:2,name:"projection checkpoints",sql:t=>`
      CREATE TABLE ${t("cl_checkpoints")} (
        projection text PRIMARY KEY,
        position bigint NOT NULL CHECK (position >= 0),
        state text NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );`}],LATEST_SCHEMA_VERSION=MIGRATIONS.length,UnsupportedSchemaVersionError=class extends Error{constructor(schema,found){super(`PostgreSQL schema '${schema}' is at cloud-ledger schema version ${found}, newer than this library's ${LATEST_SCHEMA_VERSION}: upgrade the library`);this.schema=schema;this.found=found}schema;found;name="UnsupportedSchemaVersionError"};async function migrate(connection){let t=connection.qualified;return connection.transaction(async query=>{await query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",[`cloud-ledger migrations ${connection.schema}`]),(await query("SELECT 1 FROM pg_namespace WHERE nspname = $1",[connection.schema])).length===0&&await query(`CREATE SCHEMA "${connection.schema}"`),await query(`
      CREATE TABLE IF NOT EXISTS ${t("cl_schema_migrations")} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);let rows=await query(`SELECT version FROM ${t("cl_schema_migrations")}`),done=new Set(rows.map(row=>row.version)),newest=Math.max(0,...done);if(newest>LATEST_SCHEMA_VERSION)throw new UnsupportedSchemaVersionError(connection.schema,newest);let applied=[];for(let migration of MIGRATIONS)done.has(migration.version)||(await query(migration.sql(t)),await query(`INSERT INTO ${t("cl_schema_migrations")} (version, name) VALUES ($1, $2)`,[migration.version,migration.name]),applied.push(migration.version));return applied})}function readStreamsStatement(t){return`
    SELECT r.ord, e.*
    FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(name, from_version, ord)
    CROSS JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM ${t("cl_events")}
      WHERE stream_name = r.name AND version >= r.from_version
    ) AS e
    ORDER BY r.ord, e.version`}function readStreamsParameters(requests){return[requests.map(r=>r.streamName),requests.map(r=>r.fromVersion)]}function groupTails(requestCount,rows){let tails=Array.from({length:requestCount},()=>[]);for(let row of rows){let tail=tails[Number(row.ord)-1];if(tail===void 0)throw new Error(`readStreams: the server answered request ${row.ord} of ${requestCount}`);tail.push(decodeEventRow(row))}return tails}async function createPostgresEventStore(options){let connection=openConnection(options);try{await migrate(connection)}catch(error){throw await connection.release(),error}return postgresEventStore(connection)}async function migratePostgresEventStore(options){let connection=openConnection(options);try{return await migrate(connection)}finally{await connection.release()}}var MAX_BATCH_ATTEMPTS=10;function postgresEventStore(connection){let t=connection.qualified,appendStatements=new Map,appendRows=(streamName,events,expected)=>{let rows=rowsFor(events.length),run=appendStatements.get(rows);return run===void 0&&(run=connection.statement(appendStatement(t,rows)),appendStatements.set(rows,run)),run(appendParameters(streamName,events,expected,rows))},versionRows=connection.statement(`SELECT version FROM ${t("cl_streams")} WHERE stream_name = $1`),streamSql=order=>`SELECT ${EVENT_COLUMNS} FROM ${t("cl_events")}
     WHERE stream_name = $1 AND version >= $2 AND ($3::bigint IS NULL OR version <= $3::bigint)
     ORDER BY version ${order} LIMIT $4`,forwardRows=connection.statement(streamSql("ASC")),backwardRows=connection.statement(streamSql("DESC")),allRows=connection.statement(`SELECT ${EVENT_COLUMNS} FROM ${t("cl_events")} WHERE global_position > $1 ORDER BY global_position LIMIT $2`),tailRows=connection.statement(readStreamsStatement(t)),headRows=connection.statement(`SELECT position FROM ${t("cl_head")}`),closed=!1,ensureOpen=()=>{if(closed)throw new StoreClosedError("postgres")},streamVersion=async streamName=>{let rows=await versionRows([streamName]);return rows[0]===void 0?0:Number(rows[0].version)},append=async(streamName,events,expected)=>{if(events.length===0){let current=await streamVersion(streamName);return checkExpectedVersion(streamName,expected,current),{nextExpectedVersion:current}}let[row]=await appendRows(streamName,events,expected);if(row?.version===null||row?.version===void 0||row.base===null)throw new WrongExpectedVersionError(streamName,expected,await streamVersion(streamName));let base=Number(row.base);return{nextExpectedVersion:Number(row.version),positions:{first:base+1,last:base+events.length}}},writeInTransaction=async units=>{for(let attempt=1;;attempt+=1)try{return await connection.atomically(run=>writeBatch(run,t,units))}catch(error){if(!(error instanceof BatchRaceError&&attempt<MAX_BATCH_ATTEMPTS))throw error}},queue=createAppendQueue(async units=>{let only=units.length===1?units[0]:void 0,part=only?.length===1?only[0]:void 0;if(part===void 0)return writeInTransaction(units);try{return[{ok:!0,results:[await append(part.streamName,part.events,part.expectedVersion)]}]}catch(error){if(error instanceof WrongExpectedVersionError)return[{ok:!1,error}];throw error}}),decodeAll=rows=>rows.map(decodeEventRow);return{name:"postgres",async append(streamName,events,options){ensureOpen(),assertValidAppend(streamName,events,options);let[result]=await queue.submit([{streamName,events:[...events],expectedVersion:options.expectedVersion}]);return result},async appendStreams(appends){return ensureOpen(),assertValidStreamAppends(appends),appends.length===0?[]:queue.submit(appends.map(({streamName,events,expectedVersion})=>({streamName,events:[...events],expectedVersion})))},async readStream(streamName,options){ensureOpen(),assertValidStreamName(streamName),assertValidReadStreamOptions(options);let backwards=options?.direction==="backwards",low=backwards?options.toVersion??1:options?.fromVersion??1,high=backwards?options.fromVersion??null:options?.toVersion??null,rows=await(backwards?backwardRows:forwardRows)([streamName,low,high,options?.limit??null]);return decodeAll(rows)},async readStreams(requests){return ensureOpen(),assertValidStreamTailRequests(requests),requests.length===0?[]:groupTails(requests.length,await tailRows(readStreamsParameters(requests)))},async readAll(options){return ensureOpen(),assertValidReadAllOptions(options),decodeAll(await allRows([options?.after??0,options?.limit??null]))},async streamVersion(streamName){return ensureOpen(),assertValidStreamName(streamName),streamVersion(streamName)},async headPosition(){ensureOpen();let rows=await headRows([]);return Number(rows[0]?.position??0)},async close(){closed||(closed=!0,await queue.drain(),await connection.release())}}}var CorruptCheckpointError=class extends Error{constructor(projection,reason){super(`Corrupt checkpoint for projection '${projection}': ${reason}`);this.projection=projection;this.reason=reason}projection;reason;name="CorruptCheckpointError"};async function createPostgresCheckpointStore(options){let connection=openConnection(options);try{await migrate(connection)}catch(error){throw await connection.release(),error}return postgresCheckpointStore(connection)}function postgresCheckpointStore(connection){let table=connection.qualified("cl_checkpoints"),closed=!1,ensureOpen=()=>{if(closed)throw new StoreClosedError("postgres checkpoint")};return{async load(projection){ensureOpen();let[row]=await connection.query(`SELECT position, state FROM ${table} WHERE projection = $1`,[projection]);if(row!==void 0)try{return{position:Number(row.position),state:JSON.parse(row.state)}}catch(error){throw new CorruptCheckpointError(projection,`state is not valid JSON (${error instanceof Error?error.message:String(error)})`)}},async save(projection,snapshot){ensureOpen(),assertValidSnapshot(projection,snapshot),await connection.query(`INSERT INTO ${table} (projection, position, state) VALUES ($1, $2, $3)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, state = excluded.state, saved_at = now()`,[projection,snapshot.position,JSON.stringify(snapshot.state)])},async reset(projection){ensureOpen(),await connection.query(`DELETE FROM ${table} WHERE projection = $1`,[projection])},async close(){closed||(closed=!0,await connection.release())}}}import pg from"pg";async function withPostgresTransaction(options,work){let client=new pg.Client({connectionString:options.connectionString});client.on("error",()=>{}),await client.connect();try{let store=await createPostgresEventStore(options.schema===void 0?{client}:{client,schema:options.schema});await client.query("BEGIN");try{let result=await work(store);return await client.query("COMMIT"),result}catch(error){throw await client.query("ROLLBACK").catch(()=>{}),error}}finally{await client.end().catch(()=>{})}}export{CorruptCheckpointError,InvalidPostgresOptionsError,LATEST_SCHEMA_VERSION,UnsupportedSchemaVersionError,createPostgresCheckpointStore,createPostgresEventStore,migratePostgresEventStore,withPostgresTransaction};
//# sourceMappingURL=postgres-6EFRWLYH.js.map
