/**
 * Writing a snapshot folder, one model file at a time or interleaved, in ascending id order.
 *
 * Crash safety: lines are appended to `<model>.jsonl`; every checkpoint flushes and fsyncs the
 * files, then replaces manifest.json atomically with `incomplete: true` and, per model, the
 * highest id and the byte length written so far. After a kill, `SnapshotWriter.resume()`
 * re-reads only what follows the last checkpoint, keeps every complete record line, truncates
 * a half-written last line, and reports `lastId(model)` so the export continues with
 * `id > lastId`: no line is duplicated and none is lost.
 *
 * The writer is synchronous on purpose: appends are buffered (≈1 MiB per model), so a sync
 * write is rare and short, and the ordering of lines can never depend on promise scheduling.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { OdooRecord } from '../facts/source.js';
import { SNAPSHOT_FORMAT, type SnapshotManifest } from './models.js';
import { SnapshotError } from './errors.js';
import { MANIFEST_FILE, modelFileName, readManifest, writeManifestAtomic } from './manifest.js';
import { parseRecordLine } from './lines.js';

export interface SnapshotWriterOptions {
  odoo: SnapshotManifest['odoo'];
  range: SnapshotManifest['range'];
  /** ISO 8601; defaults to now. Pass a fixed value for reproducible output. */
  exportedAt?: string;
  /** The models to write and the fields of their records, in order. Every model gets a file, even if empty. */
  models: Readonly<Record<string, readonly string[]>>;
  /** Replace a snapshot already in the folder (its model files are deleted). Default false. */
  overwrite?: boolean;
  /** Write a checkpoint automatically when this much time has passed since the last one. Default 2000 ms. */
  checkpointIntervalMs?: number;
  /** fsync files and manifest at checkpoints. Default true; tests and generators may turn it off. */
  durable?: boolean;
}

export interface ResumeOptions {
  checkpointIntervalMs?: number;
  durable?: boolean;
}

interface ModelFile {
  model: string;
  file: string;
  path: string;
  fields: string[];
  fd: number;
  count: number;
  lastId: number;
  /** Bytes on disk (flushed). */
  bytes: number;
  pending: string[];
  pendingChars: number;
}

const FLUSH_CHARS = 1 << 20;
/** How often append() looks at the clock for an automatic checkpoint. */
const CLOCK_EVERY = 4096;

export class SnapshotWriter {
  private finished = false;
  private closed = false;
  private lastCheckpoint = Date.now();
  private sinceClock = 0;

  private constructor(
    readonly dir: string,
    private readonly header: Omit<SnapshotManifest, 'models' | 'incomplete'>,
    private readonly files: Map<string, ModelFile>,
    private readonly checkpointIntervalMs: number,
    private readonly durable: boolean,
  ) {}

  /** Starts a new snapshot in `dir` (created if needed). */
  static create(dir: string, options: SnapshotWriterOptions): SnapshotWriter {
    mkdirSync(dir, { recursive: true });
    if (existsSync(join(dir, MANIFEST_FILE))) {
      if (!options.overwrite) {
        throw new SnapshotError('already-exists', `${dir} already holds a snapshot`, {
          hint: 'Choose an empty folder, resume the interrupted export, or overwrite it explicitly.',
        });
      }
      removeSnapshotFiles(dir);
    }
    const files = new Map<string, ModelFile>();
    for (const [model, fields] of Object.entries(options.models)) {
      const file = modelFileName(model);
      const path = join(dir, file);
      files.set(model, { model, file, path, fields: [...fields], fd: openSync(path, 'w'), count: 0, lastId: 0, bytes: 0, pending: [], pendingChars: 0 });
    }
    const header = {
      format: SNAPSHOT_FORMAT,
      odoo: options.odoo,
      range: options.range,
      exportedAt: options.exportedAt ?? new Date().toISOString(),
    } as const;
    const writer = new SnapshotWriter(dir, header, files, options.checkpointIntervalMs ?? 2000, options.durable ?? true);
    writer.checkpoint();
    return writer;
  }

  /**
   * Reopens an interrupted snapshot. Complete record lines written after the last checkpoint
   * are kept; a partial or corrupt tail is truncated. Continue each model after `lastId(model)`.
   */
  static resume(dir: string, options: ResumeOptions = {}): SnapshotWriter {
    const manifest = readManifest(dir);
    if (!manifest.incomplete) {
      throw new SnapshotError('already-complete', `${dir}: the snapshot is complete; there is nothing to resume`, {
        hint: 'Start a new export into another folder to refresh it.',
      });
    }
    const files = new Map<string, ModelFile>();
    for (const [model, entry] of Object.entries(manifest.models)) {
      files.set(model, recoverModelFile(dir, model, entry));
    }
    const { format, odoo, range, exportedAt } = manifest;
    const writer = new SnapshotWriter(dir, { format, odoo, range, exportedAt }, files, options.checkpointIntervalMs ?? 2000, options.durable ?? true);
    writer.checkpoint();
    return writer;
  }

  models(): string[] {
    return [...this.files.keys()];
  }

  /** Highest id written for `model` (0 when none): a resumed export continues with `id > lastId`. */
  lastId(model: string): number {
    return this.modelFile(model).lastId;
  }

  count(model: string): number {
    return this.modelFile(model).count;
  }

  /** Appends one record; ids of a model must strictly increase. */
  append(model: string, record: OdooRecord): void {
    this.assertOpen();
    const target = this.modelFile(model);
    const id = record.id;
    if (!Number.isInteger(id) || id <= target.lastId) {
      throw new SnapshotError(
        'out-of-order',
        `${model}: record id ${String(id)} appended after id ${target.lastId}; records must be written in ascending id order`,
        { file: target.path },
      );
    }
    const line = `${JSON.stringify(record)}\n`;
    target.pending.push(line);
    target.pendingChars += line.length;
    target.count++;
    target.lastId = id;
    if (target.pendingChars >= FLUSH_CHARS) flush(target);
    if (++this.sinceClock >= CLOCK_EVERY) {
      this.sinceClock = 0;
      if (Date.now() - this.lastCheckpoint >= this.checkpointIntervalMs) this.checkpoint();
    }
  }

  appendAll(model: string, records: Iterable<OdooRecord>): void {
    for (const record of records) this.append(model, record);
  }

  /** Makes everything appended so far durable and records it in the manifest (still incomplete). */
  checkpoint(): void {
    this.assertOpen();
    this.flushAll();
    const models: SnapshotManifest['models'] = {};
    for (const f of this.files.values()) {
      models[f.model] = { file: f.file, count: f.count, fields: f.fields, lastId: f.lastId, bytes: f.bytes };
    }
    writeManifestAtomic(this.dir, { ...this.header, incomplete: true, models }, this.durable);
    this.lastCheckpoint = Date.now();
  }

  /** Completes the snapshot: final manifest without `incomplete`. Returns it. */
  finish(): SnapshotManifest {
    this.assertOpen();
    this.flushAll();
    const models: SnapshotManifest['models'] = {};
    for (const f of this.files.values()) models[f.model] = { file: f.file, count: f.count, fields: f.fields };
    const manifest: SnapshotManifest = { ...this.header, models };
    this.closeFiles();
    writeManifestAtomic(this.dir, manifest, this.durable);
    this.finished = true;
    return manifest;
  }

  /** Flushes and closes without completing: the snapshot stays resumable (as after an interrupted export). */
  close(): void {
    if (this.closed || this.finished) return;
    this.checkpoint();
    this.closeFiles();
  }

  private flushAll(): void {
    for (const f of this.files.values()) {
      flush(f);
      if (this.durable) fsyncSync(f.fd);
    }
  }

  private closeFiles(): void {
    for (const f of this.files.values()) closeSync(f.fd);
    this.closed = true;
  }

  private modelFile(model: string): ModelFile {
    const f = this.files.get(model);
    if (!f) {
      throw new SnapshotError('unknown-model', `${this.dir}: model ${model} was not declared when the snapshot was created`, {
        hint: `Declared: ${this.models().join(', ')}.`,
      });
    }
    return f;
  }

  private assertOpen(): void {
    if (this.finished || this.closed) throw new Error(`SnapshotWriter for ${this.dir} is already ${this.finished ? 'finished' : 'closed'}`);
  }
}

function flush(f: ModelFile): void {
  if (f.pending.length === 0) return;
  const data = Buffer.from(f.pending.join(''), 'utf8');
  f.pending = [];
  f.pendingChars = 0;
  writeFully(f.fd, data, f.bytes);
  f.bytes += data.length;
}

function writeFully(fd: number, data: Buffer, position: number): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, position + done);
}

function removeSnapshotFiles(dir: string): void {
  try {
    const old = readManifest(dir);
    for (const entry of Object.values(old.models)) rmSync(join(dir, entry.file), { force: true });
  } catch (err) {
    // An unreadable old manifest: its files cannot be known; the new ones overwrite theirs anyway.
    if (!(err instanceof SnapshotError)) throw err;
  }
  rmSync(join(dir, MANIFEST_FILE), { force: true });
}

/**
 * Opens a model file of an interrupted export and cuts it back to its last good record line.
 * Only the part after the last checkpoint (`entry.bytes`) is read again.
 */
function recoverModelFile(dir: string, model: string, entry: SnapshotManifest['models'][string]): ModelFile {
  const path = join(dir, entry.file);
  const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
  const size = fstatSync(fd).size;
  const checkpointBytes = entry.bytes ?? 0;
  let count = entry.bytes === undefined ? 0 : entry.count;
  let lastId = entry.bytes === undefined ? 0 : (entry.lastId ?? 0);
  if (size < checkpointBytes) {
    closeSync(fd);
    throw new SnapshotError('modified', `${path} is shorter (${size} bytes) than at the last checkpoint (${checkpointBytes} bytes)`, {
      file: path,
      hint: 'The file was changed outside the export; start a new export.',
    });
  }
  let goodEnd = checkpointBytes;
  const tail = readTailLines(fd, checkpointBytes, size);
  for (const { text, end } of tail) {
    const verdict = parseRecordLine(text);
    if (!verdict.ok || verdict.record.id <= lastId) break; // a torn or garbled write: everything from here is redone
    count++;
    lastId = verdict.record.id;
    goodEnd = end;
  }
  if (goodEnd < size) ftruncateSync(fd, goodEnd);
  return { model, file: entry.file, path, fields: [...entry.fields], fd, count, lastId, bytes: goodEnd, pending: [], pendingChars: 0 };
}

/** Complete (newline-terminated) lines between `from` and `to`, with the byte offset after each. */
function* readTailLines(fd: number, from: number, to: number): Generator<{ text: string; end: number }> {
  const chunk = Buffer.alloc(1 << 20);
  let carry = Buffer.alloc(0);
  let carryStart = from;
  let position = from;
  while (position < to) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, to - position), position);
    if (n <= 0) break;
    position += n;
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      yield { text: buf.toString('utf8', start, nl), end: carryStart + nl + 1 };
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    carryStart += start;
  }
}
