import type { WorkloadGroup } from "../context.js";
import { measureFsyncRate } from "./fsync-rate.js";

/** The disk's fsync ceiling; the JSON.parse ceiling is measured by the replay group on the replay log's own lines. */
export const limitsGroup: WorkloadGroup = async ({ config, report, temp }) => {
  const fsync = await measureFsyncRate(temp.file("fsync-probe.log"), config.measure, config.fsyncsPerRun);
  report.add({
    workload: "machine limit",
    store: "disk",
    variant: "fdatasync of a 300-byte append",
    value: fsync.perSecond,
    unit: "syncs/s",
    runs: fsync.runs,
  });
};
