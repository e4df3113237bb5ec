/** Read-only export of history from Odoo into a snapshot folder (for simulate, diff and explain). */
export {
  DEFAULT_BATCH_SIZE,
  EXPORT_STATE_FILE,
  exportHistory,
  type ExportManifest,
  type ExportOptions,
  type ExportProgress,
  type ExportResult,
} from './export.js';
export { ExportError, type ExportErrorCode } from './errors.js';
export {
  GOVERNED_DOCUMENTS,
  planExport,
  scopeDomain,
  type ExportClient,
  type ExportPlan,
  type ExportWarning,
  type MissingField,
  type ModelPlan,
} from './plan.js';
export { formatProgress, progressPrinter, type ProgressPrinterOptions } from './progress.js';
export { parseRange, parseRangeEnd, type ExportRange } from './range.js';
