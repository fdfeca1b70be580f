export { scheduleMatrix, type ScheduleMatrixState, type ScheduleCell } from "./projection.js";
export {
  scheduleList,
  scheduleMatrixView,
  type ScheduleCellView,
  type ScheduleMatrixRow,
  type ScheduleMatrixView,
  type ScheduleQueryOptions,
} from "./queries.js";
