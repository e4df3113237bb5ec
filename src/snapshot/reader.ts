/**
 * Reading a snapshot folder: the manifest, then each model's records as a stream.
 *
 * Two modes for lines that are not records:
 * - `strict` (default) throws a SnapshotError naming file:line at the first one;
 * - `lenient` skips it, counts it and keeps it in `issues`, so a long simulate over a slightly
 *   damaged export still runs and says exactly what it left out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OdooRecord } from '../facts/source.js';
import type { SnapshotManifest } from './models.js';
import { SnapshotError, location } from './errors.js';
import { readManifest } from './manifest.js';
import { MAX_LINE_BYTES, excerpt, parseRecordLine, readFileLineBatches } from './lines.js';

export type ReadMode = 'strict' | 'lenient';

/**
 * Records are parsed a read chunk at a time. Small chunks keep few parsed records alive at
 * once: a replay holds one batch per file, and records still alive when the young generation
 * is collected get copied and promoted, which costs more than reading in smaller pieces.
 */
const BATCH_BYTES = 64 * 1024;

export interface SnapshotIssue {
  kind: 'bad-json' | 'not-a-record' | 'out-of-order' | 'count-mismatch';
  /** Path of the .jsonl file. */
  file: string;
  /** 1-based line; 0 for an issue about the whole file (count-mismatch). */
  line: number;
  message: string;
  /** Start of the offending line. */
  excerpt?: string;
}

export interface OpenSnapshotOptions {
  mode?: ReadMode;
  /** Read a snapshot whose export did not finish (manifest `incomplete: true`). Default false. */
  allowIncomplete?: boolean;
  /** Issues kept in `issues` (all are counted in `issueCount`). Default 1000. */
  maxIssues?: number;
}

export interface ReadRecordsOptions {
  /** Called for every skipped line in lenient mode (and for count mismatches). */
  onIssue?: (issue: SnapshotIssue) => void;
}

export class SnapshotReader {
  readonly mode: ReadMode;
  private readonly kept: SnapshotIssue[] = [];
  private counted = 0;
  private readonly maxIssues: number;

  private constructor(
    readonly dir: string,
    readonly manifest: SnapshotManifest,
    options: OpenSnapshotOptions,
  ) {
    this.mode = options.mode ?? 'strict';
    this.maxIssues = options.maxIssues ?? 1000;
  }

  /** Opens a snapshot folder: validates the manifest and checks that every listed file exists. */
  static async open(dir: string, options: OpenSnapshotOptions = {}): Promise<SnapshotReader> {
    const manifest = readManifest(dir);
    if (manifest.incomplete && !options.allowIncomplete) {
      throw new SnapshotError('incomplete', `${dir}: the export that wrote this snapshot did not finish`, {
        file: join(dir, 'manifest.json'),
        hint: 'Resume the export, or read it anyway with allowIncomplete (records after the interruption are missing).',
      });
    }
    for (const [model, entry] of Object.entries(manifest.models)) {
      const file = join(dir, entry.file);
      if (!existsSync(file)) {
        throw new SnapshotError('missing-file', `${file}: file of model ${model} is missing (listed in manifest.json)`, {
          file,
          hint: 'The snapshot folder is incomplete; copy it again or re-export.',
        });
      }
    }
    return new SnapshotReader(dir, manifest, options);
  }

  /** Lines skipped so far (lenient mode) and count mismatches, at most `maxIssues` of them. */
  get issues(): readonly SnapshotIssue[] {
    return this.kept;
  }

  /** Every issue seen so far, including those beyond `maxIssues`. */
  get issueCount(): number {
    return this.counted;
  }

  models(): string[] {
    return Object.keys(this.manifest.models);
  }

  has(model: string): boolean {
    return Object.hasOwn(this.manifest.models, model);
  }

  /** Record count the manifest declares. */
  count(model: string): number {
    return this.entry(model).count;
  }

  fields(model: string): readonly string[] {
    return this.entry(model).fields;
  }

  filePath(model: string): string {
    return join(this.dir, this.entry(model).file);
  }

  /** Streams a model's records in file (= id) order. */
  async *records(model: string, options: ReadRecordsOptions = {}): AsyncGenerator<OdooRecord> {
    for await (const batch of this.batches(model, options)) yield* batch;
  }

  /** records(), a read chunk's worth at a time (never empty): for loops that cannot await each record. */
  async *batches(model: string, options: ReadRecordsOptions = {}): AsyncGenerator<OdooRecord[]> {
    const entry = this.entry(model);
    const file = join(this.dir, entry.file);
    if (!existsSync(file)) {
      throw new SnapshotError('missing-file', `${file}: file of model ${model} is missing (listed in manifest.json)`, { file });
    }
    let previousId = 0;
    let seen = 0;
    for await (const lines of readFileLineBatches(file, BATCH_BYTES)) {
      const batch: OdooRecord[] = [];
      for (const { text, line, oversized } of lines) {
        if (oversized) {
          seen++;
          this.reject({ kind: 'bad-json', file, line, message: `line longer than ${MAX_LINE_BYTES} bytes: not a record` }, options);
          continue;
        }
        // Blank lines (an editor's trailing newline) carry nothing and are not an error. A record
        // starts with `{`: only other lines are trimmed to find out.
        if (text.charCodeAt(0) !== 0x7b && text.trim() === '') continue;
        seen++;
        const verdict = parseRecordLine(text);
        if (!verdict.ok) {
          this.reject({ kind: verdict.kind, file, line, message: verdict.message, excerpt: excerpt(text) }, options);
          continue;
        }
        const { record } = verdict;
        if (record.id <= previousId) {
          this.reject(
            {
              kind: 'out-of-order',
              file,
              line,
              message: `id ${record.id} does not follow id ${previousId}: records must be in ascending id order`,
              excerpt: excerpt(text),
            },
            options,
          );
          continue;
        }
        previousId = record.id;
        batch.push(record);
      }
      if (batch.length) yield batch;
    }
    if (seen !== entry.count && !this.manifest.incomplete) {
      // Informational in both modes: a truncated copy shows up here even when every line parses.
      this.note(
        { kind: 'count-mismatch', file, line: 0, message: `${seen} lines, but manifest.json declares ${entry.count} records for ${model}` },
        options,
      );
    }
  }

  /** All records of a model into an array: for small (reference) models only. */
  async all(model: string): Promise<OdooRecord[]> {
    const out: OdooRecord[] = [];
    for await (const record of this.records(model)) out.push(record);
    return out;
  }

  private entry(model: string): SnapshotManifest['models'][string] {
    const entry = this.manifest.models[model];
    if (!entry || !Object.hasOwn(this.manifest.models, model)) {
      throw new SnapshotError('unknown-model', `${this.dir}: the snapshot has no model ${model}`, {
        hint: `It holds: ${this.models().join(', ') || '(nothing)'}.`,
      });
    }
    return entry;
  }

  private reject(issue: SnapshotIssue, options: ReadRecordsOptions): void {
    if (this.mode === 'strict') {
      throw new SnapshotError(issue.kind === 'out-of-order' ? 'out-of-order' : 'bad-line', `${location(issue.file, issue.line)}: ${issue.message}`, {
        file: issue.file,
        line: issue.line,
        hint: 'Fix or remove the line, or read in lenient mode to skip bad lines and report them.',
      });
    }
    this.note(issue, options);
  }

  private note(issue: SnapshotIssue, options: ReadRecordsOptions): void {
    this.counted++;
    if (this.kept.length < this.maxIssues) this.kept.push(issue);
    options.onIssue?.(issue);
  }
}
