/**
 * `distrule export`: read-only pull of history from Odoo into a snapshot folder.
 *
 * Flags override distrule.yaml's odoo section. Exit codes: 0 done; 1 Odoo could not be reached
 * or refused (authentication, rights, faults); 2 usage or configuration (bad dates, missing
 * secret, a folder that is not empty, …); 130 interrupted (the folder stays resumable).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import type { DistruleConfig, OdooSettings } from '../../config/schema.js';
import { exportHistory, ExportError, progressPrinter, DEFAULT_BATCH_SIZE, type ExportResult } from '../../export/index.js';
import { UsageError } from '../../language/findings.js';
import { OdooError } from '../../odoo/errors.js';
import { clientFromConfig } from '../../odoo/from-config.js';
import { formatFindings } from '../../report/findings/index.js';
import { findConfigFile } from '../../ruleset/load.js';
import { SnapshotError } from '../../snapshot/errors.js';
import { choice, type Io } from '../io.js';

interface ExportFlags {
  since?: string;
  until?: string;
  out: string;
  config?: string;
  url?: string;
  database?: string;
  login?: string;
  apiKeyEnv?: string;
  apiKeyFile?: string;
  transport?: string;
  resume?: boolean;
  models?: string;
  batchSize?: string;
}

const TRANSPORTS = ['auto', 'json2', 'jsonrpc', 'xmlrpc'] as const;

export function registerExport(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('export')
    .description('read-only pull of history from Odoo into a snapshot folder (for simulate, diff and explain)')
    .option('--since <YYYY-MM-DD>', 'first day of the range (UTC, included)')
    .option('--until <YYYY-MM-DD>', 'end of the range (UTC, excluded)')
    .requiredOption('--out <dir>', 'snapshot folder to write (new or empty; the interrupted one with --resume)')
    .option('--config <file>', 'distrule.yaml with the odoo section (default: the nearest distrule.yaml)')
    .option('--url <url>', 'Odoo URL, e.g. https://erp.example.com (overrides odoo.url)')
    .option('--database <name>', 'Odoo database (overrides odoo.database)')
    .option('--login <login>', 'Odoo user login (overrides odoo.login; JSON-RPC and XML-RPC need it)')
    .option('--api-key-env <NAME>', 'environment variable holding the API key (overrides odoo.secret)')
    .option('--api-key-file <path>', 'file holding the API key (overrides odoo.secret)')
    .option('--transport <transport>', `${TRANSPORTS.join(', ')} (default: by the server's version)`)
    .option('--resume', 'continue the interrupted export in --out')
    .option('--models <list>', 'comma-separated models to export (default: all)')
    .option('--batch-size <n>', `records per call (default: odoo.batchSize, else ${DEFAULT_BATCH_SIZE})`)
    .action(async (flags: ExportFlags) => {
      done(await runExport(flags, io));
    });
}

async function runExport(flags: ExportFlags, io: Io): Promise<number> {
  const fail = (code: number, message: string, hint?: string): number => {
    io.stderr(`distrule export: ${message}${hint ? ` — ${hint}` : ''}\n`);
    return code;
  };
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('interrupted'));
  const out = resolve(io.cwd, flags.out);
  try {
    const config = readConfig(flags, io);
    if (config === null) return 2;
    const settings = odooSettings(flags, config?.odoo, io.cwd);
    const batchSize = batchSizeOf(flags.batchSize, settings.batchSize);
    const models = flags.models === undefined ? undefined : flags.models.split(',').map((m) => m.trim()).filter(Boolean);
    const client = clientFromConfig(settings, process.env, { root: config?.root ?? io.cwd });
    const companies = settings.companies;
    const tty = Boolean(process.stderr.isTTY);
    process.once('SIGINT', onSigint);
    const result = await exportHistory({
      client,
      out,
      since: flags.since,
      until: flags.until,
      models,
      batchSize,
      resume: Boolean(flags.resume),
      signal: controller.signal,
      ...(companies?.length ? { context: { allowed_company_ids: companies } } : {}),
      ...(tty ? { onProgress: progressPrinter((text) => io.stderr(text)) } : {}),
      onWarning: (w) => io.stderr(`distrule export: warning: ${w.message}\n`),
    });
    io.stdout(summary(result, flags.out));
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      return fail(130, `interrupted; ${flags.out} is resumable`, 'run the same command with --resume to continue');
    }
    if (error instanceof UsageError) return fail(2, error.message, error.hint);
    if (error instanceof ExportError) return fail(error.usage ? 2 : 1, error.message, error.hint);
    if (error instanceof SnapshotError) return fail(2, error.message, error.hint);
    if (error instanceof OdooError) {
      const first = error.message.split('\n')[0] ?? error.message;
      if (error.kind === 'configuration') return fail(2, first);
      if (error.kind === 'authentication') return fail(1, first, 'check the login, the database and the API key');
      return fail(1, first);
    }
    if (isSystemError(error)) return fail(2, `cannot write the snapshot in ${flags.out}: ${error.message}`);
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** distrule.yaml: --config, else the nearest one (none is fine: flags then say everything). Null after printing findings. */
function readConfig(flags: ExportFlags, io: Io): DistruleConfig | undefined | null {
  let file: string | null;
  if (flags.config !== undefined) {
    file = resolve(io.cwd, flags.config);
    if (!existsSync(file)) throw new UsageError(`config file does not exist: ${flags.config}`);
  } else {
    file = findConfigFile([], io.cwd);
  }
  if (!file) return undefined;
  const { config, findings } = loadConfig(file, io.cwd);
  const errors = findings.filter((f) => f.severity === 'error');
  if (!config || errors.length > 0) {
    io.stderr(formatFindings('text', errors, { color: false, files: 1, showSuppressed: false, failOn: 'error' }));
    io.stderr(`distrule export: ${file} is not valid; fix the errors above first.\n`);
    return null;
  }
  return config;
}

function odooSettings(flags: ExportFlags, base: OdooSettings | undefined, cwd: string): OdooSettings {
  if (flags.apiKeyEnv !== undefined && flags.apiKeyFile !== undefined) {
    throw new UsageError('give --api-key-env or --api-key-file, not both');
  }
  const url = flags.url ?? base?.url;
  if (!url) {
    throw new UsageError('no Odoo to export from', 'pass --url (with --database, --login and --api-key-env), or add an odoo section to distrule.yaml');
  }
  const secret = flags.apiKeyEnv !== undefined ? { env: flags.apiKeyEnv } : flags.apiKeyFile !== undefined ? { file: resolve(cwd, flags.apiKeyFile) } : base?.secret;
  if (!secret) {
    throw new UsageError('no API key', 'pass --api-key-env NAME (the environment variable holding it), or set odoo.secret in distrule.yaml');
  }
  const transport = flags.transport === undefined ? base?.transport : choice('transport', flags.transport, TRANSPORTS);
  const login = flags.login ?? base?.login;
  return {
    ...base,
    url,
    database: flags.database ?? base?.database ?? '',
    ...(login !== undefined ? { login } : {}),
    secret,
    ...(transport !== undefined ? { transport } : {}),
  };
}

/** A file-system failure (no space, no permission, …): Node's errors carry `code` and `syscall`. */
function isSystemError(error: unknown): error is Error & { code: string; syscall: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { syscall?: unknown }).syscall === 'string';
}

function batchSizeOf(flag: string | undefined, configured: number | undefined): number {
  if (flag === undefined) return configured ?? DEFAULT_BATCH_SIZE;
  const n = Number(flag);
  if (!/^\d+$/.test(flag.trim()) || !Number.isInteger(n) || n < 1 || n > 5000) {
    throw new UsageError(`--batch-size takes a whole number from 1 to 5000 (got "${flag}")`);
  }
  return n;
}

function summary(result: ExportResult, shown: string): string {
  const { manifest } = result;
  const models = Object.keys(manifest.models).length;
  const odoo = manifest.odoo;
  const where = `${odoo.url ?? 'Odoo'}${odoo.database ? ` (database ${odoo.database}` : ' ('}${odoo.database ? ', ' : ''}Odoo ${odoo.serverVersion ?? odoo.version}${odoo.transport ? ` over ${odoo.transport}` : ''})`;
  const lines = [
    `${result.resumed ? 'Resumed and completed' : 'Exported'} ${result.records} records of ${models} models from ${where} into ${shown}, range [${manifest.range.since}, ${manifest.range.until}).`,
  ];
  const left = Object.entries(manifest.missingFields ?? {}).flatMap(([model, fields]) => fields.map((f) => `${model}.${f.field}`));
  if (left.length > 0) lines.push(`Left out: ${left.join(', ')} (manifest.json › missingFields says why).`);
  const absent = Object.keys(manifest.missingModels ?? {});
  if (absent.length > 0) lines.push(`Not on this server: ${absent.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
