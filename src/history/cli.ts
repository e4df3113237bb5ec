#!/usr/bin/env node
/**
 * gen-history: writes the example history snapshot.
 *
 *   node dist/history/cli.js [--orders N] [--seed S] [--out DIR] [--since YYYY-MM-DD]
 *
 * Progress goes to stderr, and only on a terminal; a bad flag is a one-line error and exit 2.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SnapshotError } from '../snapshot/errors.js';
import { DEFAULT_HISTORY, generateHistory, resolveOptions, type HistoryOptions, type HistoryResult } from './generate.js';

export interface CliArgs {
  options: Required<HistoryOptions>;
  out: string;
  help: boolean;
}

export class CliUsageError extends Error {}

const USAGE = `Usage: gen-history [--orders N] [--seed S] [--out DIR] [--since YYYY-MM-DD]

Writes a deterministic, believable year of B2B distribution history as a distrule snapshot.

  --orders N            sale orders to generate (default ${DEFAULT_HISTORY.orders}; scales to 1,000,000)
  --seed S              random seed; same seed and options give identical files (default ${DEFAULT_HISTORY.seed})
  --out DIR             snapshot folder to write, replaced if it exists (default examples/history)
  --since YYYY-MM-DD    first day of the 12-month window (default ${DEFAULT_HISTORY.since})
  -h, --help            show this help
`;

export function parseArgs(argv: readonly string[]): CliArgs {
  const values: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    const m = /^--(orders|seed|out|since)(?:=(.*))?$/.exec(arg);
    if (!m) throw new CliUsageError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${arg}`);
    const name = m[1]!;
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--'))) throw new CliUsageError(`--${name} needs a value`);
    if (values[name] !== undefined) throw new CliUsageError(`--${name} given twice`);
    values[name] = value;
  }
  let orders: number = DEFAULT_HISTORY.orders;
  if (values.orders !== undefined) {
    const cleaned = values.orders.replace(/[_,]/g, '');
    if (!/^\d+$/.test(cleaned)) throw new CliUsageError(`--orders must be a positive whole number, got "${values.orders}"`);
    orders = Number(cleaned);
  }
  try {
    const options = resolveOptions({ ...DEFAULT_HISTORY, orders, seed: values.seed ?? DEFAULT_HISTORY.seed, since: values.since ?? DEFAULT_HISTORY.since });
    return { options, out: values.out ?? 'examples/history', help };
  } catch (err) {
    if (err instanceof RangeError) throw new CliUsageError(`--${err.message}`);
    throw err;
  }
}

export function main(argv: readonly string[]): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(`gen-history: ${err.message}\n${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const tty = process.stderr.isTTY === true;
  let lastShown = -1;
  let result: HistoryResult;
  try {
    result = generateHistory(args.out, args.options, ({ day, days, orders }) => {
      const pct = Math.floor((day / days) * 100);
      if (!tty || pct === lastShown) return;
      lastShown = pct;
      process.stderr.write(`\rgen-history: day ${day}/${days}, ${orders} orders (${pct}%)`);
    });
  } catch (err) {
    // File-system trouble (no space, no permission) and snapshot errors are reported, not thrown.
    if (err instanceof SnapshotError || (err instanceof Error && 'code' in err)) {
      if (tty) process.stderr.write('\n');
      process.stderr.write(`gen-history: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (tty) process.stderr.write('\n');
  const bytes = readdirSync(args.out).reduce((s, f) => s + statSync(join(args.out, f)).size, 0);
  const count = (m: string): number => result.manifest.models[m]?.count ?? 0;
  process.stdout.write(
    `Wrote ${args.out} (${(bytes / 1e6).toFixed(1)} MB): ${count('sale.order')} sale orders, ${count('sale.order.line')} lines, ` +
      `${count('purchase.order')} purchase orders, ${count('stock.picking')} pickings, ${count('stock.move')} moves, ` +
      `${count('mail.activity')} open approvals, ${count('mail.message')} approval messages.\n`,
  );
  return 0;
}

// Run when executed directly (not when imported by tests).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
