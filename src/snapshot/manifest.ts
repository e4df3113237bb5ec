/**
 * manifest.json: reading it with clear errors, and writing it atomically.
 *
 * The manifest is the snapshot's table of contents; a reader trusts it to find files, and a
 * resumed export trusts its per-model `lastId`/`bytes`. It is therefore only ever replaced
 * whole (temp file, fsync, rename), never rewritten in place.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SNAPSHOT_FORMAT, type SnapshotManifest } from './models.js';
import { SnapshotError } from './errors.js';

export const MANIFEST_FILE = 'manifest.json';

/** `sale.order` → `sale.order.jsonl`. */
export function modelFileName(model: string): string {
  return `${model}.jsonl`;
}

export function readManifest(dir: string): SnapshotManifest {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (isNoEntry(err)) {
      throw new SnapshotError('not-a-snapshot', `${dir} is not a snapshot folder: it has no ${MANIFEST_FILE}`, {
        file: path,
        hint: 'Point at a folder written by `distrule export` or `npm run gen-history`.',
      });
    }
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError('bad-manifest', `${path}: not valid JSON (${(err as Error).message})`, { file: path });
  }
  return validateManifest(value, path);
}

/** Checks the shape a reader relies on; everything else in the manifest is informational. */
export function validateManifest(value: unknown, path: string): SnapshotManifest {
  if (!isObject(value)) throw bad(path, 'the manifest must be a JSON object');
  if (value.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(
      'wrong-format',
      `${path}: format is ${JSON.stringify(value.format ?? null)}, expected "${SNAPSHOT_FORMAT}"`,
      { file: path, hint: 'This snapshot was written by another tool or another major version of distrule; export it again.' },
    );
  }
  if (!isObject(value.models)) throw bad(path, '"models" must be an object of model name → { file, count, fields }');
  for (const [model, entry] of Object.entries(value.models)) {
    if (!isObject(entry)) throw bad(path, `models["${model}"] must be an object`);
    const file = entry.file;
    if (typeof file !== 'string' || file === '' || basename(file) !== file || file === '..' || file === '.') {
      throw bad(path, `models["${model}"].file must be a plain file name inside the snapshot folder`);
    }
    if (typeof entry.count !== 'number' || !Number.isInteger(entry.count) || entry.count < 0) {
      throw bad(path, `models["${model}"].count must be a non-negative integer`);
    }
    if (!Array.isArray(entry.fields) || !entry.fields.every((f) => typeof f === 'string')) {
      throw bad(path, `models["${model}"].fields must be a list of field names`);
    }
  }
  if (!isObject(value.range) || typeof value.range.since !== 'string' || typeof value.range.until !== 'string') {
    throw bad(path, '"range" must be { since, until }');
  }
  if (!isObject(value.odoo) || typeof value.odoo.version !== 'string') throw bad(path, '"odoo.version" must be a string');
  if (typeof value.exportedAt !== 'string') throw bad(path, '"exportedAt" must be a string');
  return value as unknown as SnapshotManifest;
}

/** Replaces manifest.json atomically: a crash leaves either the old or the new manifest, never half of one. */
export function writeManifestAtomic(dir: string, manifest: SnapshotManifest, durable = true): void {
  const path = join(dir, MANIFEST_FILE);
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(manifest, null, 2)}\n`);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  if (durable) fsyncDir(dir);
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable on Linux; some platforms cannot open a directory, which is fine.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* best effort */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function bad(path: string, what: string): SnapshotError {
  return new SnapshotError('bad-manifest', `${path}: ${what}`, { file: path });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNoEntry(err: unknown): boolean {
  return isObject(err) && err.code === 'ENOENT';
}
