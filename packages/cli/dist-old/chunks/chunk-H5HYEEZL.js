import { createRequire as __bundleCreateRequire } from "node:module";
const require = __bundleCreateRequire(import.meta.url);
async function firstItems(fetch,limit,after){let rows=[],cursor=after;for(;;){let want=Math.min(250,limit-rows.length),page=await fetch(cursor===void 0?{limit:want}:{limit:want,after:cursor});if(rows.push(...page.rows),cursor=page.next,cursor===void 0)return{rows};if(rows.length>=limit)return{rows,next:cursor}}}function noticeTruncated(output,next){next!==void 0&&(output.notice("Output truncated. To print more items, increase the limit using the --limit option."),output.notice(`The next page starts after: --after '${next}'`))}export{firstItems,noticeTruncated};
//# sourceMappingURL=chunk-H5HYEEZL.js.map
