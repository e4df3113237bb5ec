/**
 * Everything that can be wrong with a snapshot folder, as one typed error.
 *
 * A snapshot is user input (exported or hand-made), so each error says where (folder, file,
 * line) and what to do; the CLI prints `message` (and `hint`) without a stack trace.
 */
export type SnapshotErrorCode =
  /** The folder has no manifest.json. */
  | 'not-a-snapshot'
  /** manifest.json is not JSON or lacks required keys. */
  | 'bad-manifest'
  /** manifest.json names a format other than distrule-snapshot/v1. */
  | 'wrong-format'
  /** The export that wrote the snapshot did not finish. */
  | 'incomplete'
  /** resume() on a snapshot that is already complete, or create() over an existing one. */
  | 'already-complete'
  | 'already-exists'
  /** A model's .jsonl file listed in the manifest is absent. */
  | 'missing-file'
  /** A model that the manifest does not list. */
  | 'unknown-model'
  /** A line that is not JSON, or not a record (object with a positive integer id). */
  | 'bad-line'
  /** Records not in ascending id order (reader) or appended out of order (writer). */
  | 'out-of-order'
  /** A field that the model's manifest entry does not list. */
  | 'unknown-field'
  /** A domain the snapshot source cannot evaluate. */
  | 'unsupported-domain'
  /** A `warehouse` context value that names no warehouse of the snapshot. */
  | 'unknown-warehouse'
  /** A model too large to load into memory; stream it with SnapshotReader.records() instead. */
  | 'too-large'
  /** A file changed under a resumed export (shorter than at the last checkpoint). */
  | 'modified';

export interface SnapshotErrorDetails {
  file?: string;
  /** 1-based line number in `file`. */
  line?: number;
  hint?: string;
}

export class SnapshotError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;

  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
    details: SnapshotErrorDetails = {},
  ) {
    super(message);
    this.name = 'SnapshotError';
    if (details.file !== undefined) this.file = details.file;
    if (details.line !== undefined) this.line = details.line;
    if (details.hint !== undefined) this.hint = details.hint;
  }
}

/** `file:line` (or just `file`) for messages. */
export function location(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}
