import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
import{flattenForDisplay}from"./chunk-KWOUJOYY.js";function notificationEmail(job,domain="cloud-ledger.invalid"){return{to:job.recipient,subject:flattenForDisplay(`Meltano Cloud job run ${job.payload.data.status}: ${job.payload.data.description}`,200),text:`${job.payload.data.description}

Event payload:
${JSON.stringify(job.payload,null,2)}
`,headers:{"Message-ID":`<${job.idempotencyKey}@${domain}>`,"X-Idempotency-Key":job.idempotencyKey}}}export{notificationEmail};
//# sourceMappingURL=chunk-CKU7M7GU.js.map
