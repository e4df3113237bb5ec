/**
 * What can stop an export before or between Odoo calls, as one typed error. Odoo's own refusals
 * stay `OdooError`s and snapshot-folder problems `SnapshotError`s; the CLI maps each to its exit
 * code and prints `message` (and `hint`) on one line, without a stack trace.
 */
export type ExportErrorCode =
  /** A date that is not YYYY-MM-DD (or an ISO 8601 UTC date-time), or until ≤ since. */
  | 'bad-range'
  /** A model name distrule does not export. */
  | 'unknown-model'
  /** A batch size that is not a positive integer. */
  | 'bad-option'
  /** The output folder holds files and --resume was not given. */
  | 'not-empty'
  /** --resume on a snapshot that already completed. */
  | 'already-complete'
  /** --resume with a range, model list or server other than the interrupted export's. */
  | 'resume-mismatch'
  /** --resume, but the server's fields changed since the export started. */
  | 'server-changed'
  /** Odoo answered something the exporter cannot write (records out of id order). */
  | 'bad-answer';

export class ExportError extends Error {
  readonly hint?: string;
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    hint?: string,
  ) {
    super(message);
    this.name = 'ExportError';
    if (hint !== undefined) this.hint = hint;
  }

  /** Fixable by the person running the export (2), or caused by the server's data (1). */
  get usage(): boolean {
    return this.code !== 'server-changed' && this.code !== 'bad-answer';
  }
}
