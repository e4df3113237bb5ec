/**
 * `exportHistory`: a read-only pull of history from Odoo into a snapshot folder.
 *
 * - Every model of MODELS (or the ones asked for), with explicit fields intersected with what
 *   the server has (plan.ts). Models with a `timeField` are cut to `[since, until)`; order lines
 *   follow their order; reference data is exported whole, archived records included.
 * - Keyset pagination: `[['id', '>', lastId], …domain]`, `order: 'id'`, `limit: batchSize`. Never
 *   an offset, so records created or deleted during the export cannot shift a page.
 * - Streaming: a page is appended to the model's file and dropped; no model is held in memory.
 * - Resumable: the snapshot writer checkpoints `lastId` per model. After an interruption (even
 *   kill -9), `resume: true` reopens the folder, keeps every complete record line, and continues
 *   each model after its `lastId`; the result is the snapshot a clean run writes.
 *
 * The exporter's own state while it runs (the request and the plan) lives in
 * `.distrule-export.json` next to the manifest; it is merged into manifest.json when the export
 * completes and removed.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OdooDomain, OdooRecord } from '../facts/source.js';
import type { OdooContext } from '../odoo/client.js';
import { pyRepr, pyTupleRepr } from '../odoo/domain.js';
import { MODELS, type SnapshotManifest } from '../snapshot/models.js';
import { MANIFEST_FILE, readManifest, writeManifestAtomic } from '../snapshot/manifest.js';
import { SnapshotWriter } from '../snapshot/writer.js';
import { ExportError } from './errors.js';
import { planExport, type ExportClient, type ExportPlan, type ExportWarning, type MissingField, type ModelPlan } from './plan.js';
import { parseRange, parseRangeEnd, type ExportRange } from './range.js';

/** manifest.json of an exported snapshot: the snapshot manifest plus what the export left out and how it cut. */
export interface ExportManifest extends SnapshotManifest {
  /** Per model, the fields distrule reads that this export does not hold, and why. */
  missingFields?: Record<string, MissingField[]>;
  /** Models the server does not have, with the reason. */
  missingModels?: Record<string, string>;
  /** The domain each model was selected with, as Odoo writes it (the range, order lines by their order, …). */
  domains?: Record<string, string>;
  /** Context of every read (e.g. allowed_company_ids), when one was given. */
  context?: OdooContext;
}

export interface ExportProgress {
  model: string;
  /** 1-based position of the model in this export, and the number of models. */
  index: number;
  of: number;
  /** Records of this model in the snapshot so far (a resumed export counts the earlier ones). */
  records: number;
  /** Records this run fetched for the model. */
  fetched: number;
  elapsedMs: number;
  /** Records per second this run, for this model. */
  rate: number;
  /** The model is complete. */
  done: boolean;
}

export interface ExportOptions {
  client: ExportClient;
  /** The snapshot folder: empty or absent for a new export; the interrupted one with `resume`. */
  out: string;
  /** UTC dates `YYYY-MM-DD` (or ISO date-times); required for a new export, optional with `resume`. */
  since?: string;
  until?: string;
  /** Models to export (default: all of MODELS). */
  models?: readonly string[];
  /** Records per search_read. Default 500. */
  batchSize?: number;
  /** Continue the interrupted export in `out`. A folder without one starts a new export. */
  resume?: boolean;
  /** After every page and when a model completes. Throwing stops the export (resumable). */
  onProgress?: (progress: ExportProgress) => void;
  /** Fields or models left out (missing rights, module not installed). Also in the result. */
  onWarning?: (warning: ExportWarning) => void;
  /** Stops the export between calls; the folder stays resumable. */
  signal?: AbortSignal;
  /** Context for every read, e.g. `{ allowed_company_ids: [1, 2] }`. */
  context?: OdooContext;
  /** ISO 8601 export time for the manifest (default now): fix it for reproducible output. */
  exportedAt?: string;
  /** fsync at checkpoints (default true). */
  durable?: boolean;
  /** Automatic checkpoint interval of the writer (default 2000 ms); a checkpoint also ends every model. */
  checkpointIntervalMs?: number;
}

export interface ExportResult {
  dir: string;
  manifest: ExportManifest;
  warnings: ExportWarning[];
  /** True when an interrupted export was continued. */
  resumed: boolean;
  /** Records in the snapshot, all models. */
  records: number;
}

export const DEFAULT_BATCH_SIZE = 500;

/** The exporter's working state, beside manifest.json while the export runs. */
export const EXPORT_STATE_FILE = '.distrule-export.json';
const STATE_FORMAT = 'distrule-export-state/v1';

interface ExportState {
  format: typeof STATE_FORMAT;
  /** Models asked for, in order (including those the server lacks). */
  models: string[];
  context: OdooContext;
  missingFields: Record<string, MissingField[]>;
  missingModels: Record<string, string>;
  domains: Record<string, string>;
}

export async function exportHistory(options: ExportOptions): Promise<ExportResult> {
  const { client, out, signal } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ExportError('bad-option', `batch size must be a positive integer (got ${String(options.batchSize)})`);
  }
  const requested = checkModels(options.models);
  // Dates first: a typo in them is the likeliest mistake, whatever the folder holds.
  const asked = options.since !== undefined && options.until !== undefined ? parseRange(options.since, options.until, { since: '--since', until: '--until' }) : undefined;
  const durable = options.durable ?? true;
  const statePath = join(out, EXPORT_STATE_FILE);
  const existing = folderState(out);

  if (existing === 'complete') {
    if (options.resume && existsSync(statePath)) {
      // Killed between completing the snapshot and merging the export's notes into it.
      const done = finalize(out, readManifest(out), readState(statePath), durable);
      return { dir: out, manifest: done, warnings: [], resumed: true, records: total(done) };
    }
    throw new ExportError(
      options.resume ? 'already-complete' : 'not-empty',
      options.resume ? `${out} holds a complete snapshot; there is nothing to resume` : `${out} already holds a snapshot`,
      'Export into a new or empty folder.',
    );
  }
  if (existing === 'other') {
    throw new ExportError('not-empty', `${out} is not empty and holds no snapshot`, 'Export into a new or empty folder.');
  }
  if (existing === 'incomplete' && !options.resume) {
    throw new ExportError('not-empty', `${out} holds an interrupted export`, 'Continue it with --resume, or export into a new or empty folder.');
  }

  // Everything that can be checked without Odoo is checked before the first call.
  let range: ExportRange;
  let manifest: SnapshotManifest | undefined;
  let saved: ExportState | undefined;
  let models: string[];
  let context: OdooContext = { ...(options.context ?? {}) };
  if (existing === 'incomplete') {
    manifest = readManifest(out);
    range = resumeRange(manifest, options);
    checkSameServer(manifest, client, out);
    saved = existsSync(statePath) ? readState(statePath) : undefined;
    models = saved?.models ?? Object.keys(manifest.models);
    if (requested && requested.join(',') !== models.join(',')) {
      throw new ExportError('resume-mismatch', `--models differs from the interrupted export's (${models.join(', ')})`, 'Resume without --models, or export into a new folder.');
    }
    if (options.context && saved && JSON.stringify(saved.context) !== JSON.stringify(context)) {
      throw new ExportError('resume-mismatch', "the companies (context) differ from the interrupted export's", 'Resume with the same settings, or export into a new folder.');
    }
    context = saved?.context ?? context;
  } else {
    if (options.since === undefined || options.until === undefined) {
      throw new ExportError('bad-range', 'since and until are required for a new export', 'e.g. --since 2024-04-01 --until 2024-07-01 (UTC days, until excluded).');
    }
    range = asked ?? parseRange(options.since, options.until, { since: '--since', until: '--until' });
    models = requested ?? Object.keys(MODELS);
  }
  const readContext: OdooContext = { active_test: false, ...context };

  // The first calls also prove the URL, the database and the credentials.
  const version = await client.version({ signal });
  const transport = await client.transport({ signal });
  const plan = await planExport(client, models, range, { context, signal });
  const state = stateOf(models, context, plan);
  signal?.throwIfAborted();

  let writer: SnapshotWriter;
  if (manifest) {
    const changed = planChange(manifest, saved, state, plan);
    if (changed) {
      throw new ExportError('server-changed', `cannot resume the export in ${out}: ${changed} since it started`, 'Start a new export into an empty folder.');
    }
    writer = SnapshotWriter.resume(out, { durable, checkpointIntervalMs: options.checkpointIntervalMs });
    if (!saved) writeState(statePath, state);
  } else {
    mkdirSync(out, { recursive: true });
    writeState(statePath, state);
    writer = SnapshotWriter.create(out, {
      odoo: {
        version: `${version.major}.${version.minor}`,
        serverVersion: version.serverVersion,
        transport,
        url: client.url,
        ...(client.database ? { database: client.database } : {}),
      },
      range: { since: range.since, until: range.until },
      exportedAt: options.exportedAt ?? `${new Date().toISOString().slice(0, 19)}Z`,
      models: Object.fromEntries(plan.models.map((m) => [m.model, m.fields])),
      durable,
      checkpointIntervalMs: options.checkpointIntervalMs,
    });
  }
  const resumed = manifest !== undefined;
  for (const warning of plan.warnings) options.onWarning?.(warning);

  try {
    let index = 0;
    for (const modelPlan of plan.models) {
      index++;
      await exportModel(writer, modelPlan, { ...options, batchSize, context: readContext, index, of: plan.models.length });
      writer.checkpoint();
    }
  } catch (error) {
    writer.close();
    throw error;
  }
  const final = finalize(out, writer.finish(), state, durable);
  return { dir: out, manifest: final, warnings: plan.warnings, resumed, records: total(final) };
}

interface ModelRun {
  client: ExportClient;
  batchSize: number;
  context: OdooContext;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  index: number;
  of: number;
}

async function exportModel(writer: SnapshotWriter, plan: ModelPlan, run: ModelRun): Promise<void> {
  const { model, fields, domain } = plan;
  const started = Date.now();
  const lastId = writer.lastId(model);
  let fetched = 0;
  const report = (done: boolean): void => {
    if (!run.onProgress) return;
    const elapsedMs = Date.now() - started;
    run.onProgress({
      model,
      index: run.index,
      of: run.of,
      records: writer.count(model),
      fetched,
      elapsedMs,
      rate: elapsedMs > 0 ? Math.round((fetched * 1000) / elapsedMs) : fetched,
      done,
    });
  };
  // A short page is not the end: Odoo 17 filters mail.message and mail.activity by access
  // *after* applying the limit, so a page can come back short, or empty, with more to follow.
  // The count (exact after that filtering) says how many records are still to come.
  const opts = { context: run.context, ...(run.signal ? { signal: run.signal } : {}) };
  let remaining = await run.client.searchCount(model, [['id', '>', lastId], ...domain], opts);
  let cursor = lastId;
  const page = async (ids: unknown[][]): Promise<number> => {
    run.signal?.throwIfAborted();
    const records = await run.client.searchRead(model, [...ids, ...domain], fields, { order: 'id', limit: run.batchSize, ...opts });
    for (const record of records) {
      if (record.id <= cursor) {
        throw new ExportError('bad-answer', `Odoo answered ${model} id ${record.id} after id ${cursor}, out of the id order asked for`);
      }
      writer.append(model, normalize(record, fields));
      cursor = record.id;
    }
    fetched += records.length;
    remaining -= records.length;
    return records.length;
  };
  while (remaining > 0) {
    if ((await page([['id', '>', cursor]])) === 0) {
      // Every record the limit reached was hidden. Step through id windows no wider than a page:
      // there the limit covers every id, so an empty answer means nothing visible in the window.
      while (remaining > 0 && (await page([['id', '>', cursor], ['id', '<=', cursor + run.batchSize]])) === 0) {
        cursor += run.batchSize;
        if (cursor > MAX_ODOO_ID) remaining = 0; // the counted records were deleted meanwhile
      }
    }
    if (remaining > 0) report(false);
  }
  report(true);
}

/** Odoo ids are PostgreSQL integers. */
const MAX_ODOO_ID = 2 ** 31 - 1;

/** `{ id, …fields }` in the declared order, whatever order the transport kept; absent values as Odoo's `false`. */
function normalize(record: OdooRecord, fields: readonly string[]): OdooRecord {
  const out: Record<string, unknown> = { id: record.id };
  for (const field of fields) out[field] = record[field] ?? false;
  return out as OdooRecord;
}

function checkModels(models: readonly string[] | undefined): string[] | undefined {
  if (models === undefined) return undefined;
  if (models.length === 0) throw new ExportError('unknown-model', 'no models to export', `Known models: ${Object.keys(MODELS).join(', ')}.`);
  const unknown = models.filter((m) => !Object.hasOwn(MODELS, m));
  if (unknown.length > 0) {
    throw new ExportError('unknown-model', `distrule does not export ${unknown.join(', ')}`, `Known models: ${Object.keys(MODELS).join(', ')}.`);
  }
  const seen = new Set<string>();
  return models.filter((m) => !seen.has(m) && Boolean(seen.add(m)));
}

type FolderState = 'empty' | 'incomplete' | 'complete' | 'other';

function folderState(dir: string): FolderState {
  if (!existsSync(dir)) return 'empty';
  if (!statSync(dir).isDirectory()) throw new ExportError('not-empty', `${dir} is a file, not a folder`, 'Give a new or empty folder.');
  const entries = readdirSync(dir).filter((name) => name !== EXPORT_STATE_FILE);
  if (entries.length === 0) return 'empty';
  if (!entries.includes(MANIFEST_FILE)) return 'other';
  return readManifest(dir).incomplete ? 'incomplete' : 'complete';
}

function resumeRange(manifest: SnapshotManifest, options: ExportOptions): ExportRange {
  const range = parseRange(manifest.range.since, manifest.range.until);
  const same = (given: string | undefined, name: string, kept: string): void => {
    if (given === undefined) return;
    const asked = `${parseRangeEnd(given, name).toISOString().slice(0, 19)}Z`;
    if (asked !== kept) {
      throw new ExportError('resume-mismatch', `${name} ${given} differs from the interrupted export's range [${manifest.range.since}, ${manifest.range.until})`, 'Resume without --since/--until, or export into a new folder.');
    }
  };
  same(options.since, '--since', range.since);
  same(options.until, '--until', range.until);
  return range;
}

function checkSameServer(manifest: SnapshotManifest, client: ExportClient, dir: string): void {
  const { url, database } = manifest.odoo;
  if ((url !== undefined && url !== client.url) || (database !== undefined && database !== client.database)) {
    throw new ExportError(
      'resume-mismatch',
      `the interrupted export in ${dir} came from ${url ?? '?'} (database ${database ?? '?'}), not ${client.url} (database ${client.database ?? '?'})`,
      'Resume against the same Odoo, or export into a new folder.',
    );
  }
}

function stateOf(models: readonly string[], context: OdooContext, plan: ExportPlan): ExportState {
  const missingFields: Record<string, MissingField[]> = {};
  for (const m of plan.models) if (m.missing.length > 0) missingFields[m.model] = m.missing;
  return {
    format: STATE_FORMAT,
    models: [...models],
    context,
    missingFields,
    missingModels: plan.missingModels,
    domains: Object.fromEntries(plan.models.map((m) => [m.model, domainText(m.domain)])),
  };
}

/** What differs between the interrupted export and what the server offers now, if anything. */
function planChange(manifest: SnapshotManifest, saved: ExportState | undefined, now: ExportState, plan: ExportPlan): string | undefined {
  const declared = Object.keys(manifest.models);
  const planned = plan.models.map((m) => m.model);
  if (declared.join(',') !== planned.join(',')) return `the models available changed (${declared.join(', ')} → ${planned.join(', ')})`;
  for (const m of plan.models) {
    const before = manifest.models[m.model]!.fields;
    if (before.join(',') !== m.fields.join(',')) return `the readable fields of ${m.model} changed (${before.join(', ')} → ${m.fields.join(', ')})`;
  }
  if (saved && JSON.stringify(saved.missingFields) !== JSON.stringify(now.missingFields)) return 'the reasons fields are missing changed';
  return undefined;
}

/** `[('date_order', '>=', '2024-04-01 00:00:00'), …]`, as Odoo prints a domain. */
function domainText(domain: OdooDomain): string {
  return `[${domain.map((term) => (Array.isArray(term) ? pyTupleRepr(term) : pyRepr(term))).join(', ')}]`;
}

function writeState(path: string, state: ExportState): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, path);
}

function readState(path: string): ExportState {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ExportError('not-empty', `${path} is damaged (${(error as Error).message}); cannot resume`, 'Start a new export into an empty folder.');
  }
  const state = value as Partial<ExportState> | null;
  if (!state || state.format !== STATE_FORMAT || !Array.isArray(state.models)) {
    throw new ExportError('not-empty', `${path} was not written by this version of distrule export; cannot resume`, 'Start a new export into an empty folder.');
  }
  return state as ExportState;
}

/** The final manifest: the writer's, plus what was left out and how each model was cut. */
function finalize(dir: string, base: SnapshotManifest, state: ExportState, durable: boolean): ExportManifest {
  const manifest: ExportManifest = {
    ...base,
    ...(Object.keys(state.missingFields).length > 0 ? { missingFields: state.missingFields } : {}),
    ...(Object.keys(state.missingModels).length > 0 ? { missingModels: state.missingModels } : {}),
    domains: state.domains,
    ...(Object.keys(state.context).length > 0 ? { context: state.context } : {}),
  };
  writeManifestAtomic(dir, manifest, durable);
  rmSync(join(dir, EXPORT_STATE_FILE), { force: true });
  return manifest;
}

function total(manifest: SnapshotManifest): number {
  return Object.values(manifest.models).reduce((sum, m) => sum + m.count, 0);
}
