import { auditRows } from "./audit.js";
import { executionRows } from "./executions.js";
import { internalIdRows } from "./internal-ids.js";
import { organizationRows } from "./organizations.js";
import { deploymentRows, projectRows } from "./projects.js";
import type { RowModel } from "./row-model.js";
import { secretNameRows } from "./secrets.js";
import { notificationRows } from "./notifications.js";
import { outboxRows } from "./outbox.js";
import { stateBookmarkRows } from "./state-bookmarks.js";
import { creditsRows } from "./credits.js";

export const allRowModels: readonly RowModel[] = [
  organizationRows,
  projectRows,
  deploymentRows,
  executionRows,
  auditRows,
  internalIdRows,
  secretNameRows,
  notificationRows,
  // After execution-history (it reads the execution's row) and notifications (it reads the scopes' recipients).
  outboxRows,
  stateBookmarkRows,
  creditsRows,
];

/**
 * Bump whenever a row model's `apply` or row shape changes: rows stored under another version are discarded and
 * rebuilt from the log (the CLI shows a progress bar while it does).
 */
export const ROW_MODELS_VERSION = "rows-3";
