// Its own module, imported dynamically by `schedule describe`: the next runs need cron-parser (and luxon), which the
// other schedule commands no longer load when their runs/day labels come from the cache (bench group `reads`).
export { nextRuns } from "@cloud-ledger/domain";
