export { executionHistory, type ExecutionHistoryState, type ExecutionEntry } from "./projection.js";
export { executionResult, executionDuration, type ExecutionStatus, type ExecutionResult } from "./result-rules.js";
export { parseLookback } from "./lookback.js";
export {
  historyQueryFromCli,
  nameMatcher,
  RESULT_FILTERS,
  type NameFilter,
  type ResultFilter,
  type HistoryQuery,
  type HistoryCliOptions,
  type HistoryOptionsError,
  type HistoryOptionsErrorCode,
} from "./filters.js";
export {
  executionHistoryOf,
  executionView,
  executionRowOf,
  historyMatcher,
  type HistoryMatcher,
  type ExecutionRow,
  type HistoryPage,
} from "./queries.js";
