export {
  createScheduler,
  SchedulerDispatchError,
  type MissedTicks,
  type ScheduledRun,
  type Scheduler,
  type SchedulerOptions,
  type SchedulerPass,
} from "./create-scheduler.js";
export { SchedulePairIndex, type SchedulePair } from "./schedule-pairs.js";
