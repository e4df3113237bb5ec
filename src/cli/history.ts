/** What simulate and diff share on the command line: where history is, the window, progress. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../language/findings.js';
import type { DistruleConfig } from '../config/schema.js';
import type { Io } from './io.js';

export const DEFAULT_HISTORY = 'examples/history';

export function historyPath(given: string | undefined, config: DistruleConfig | null, cwd: string): string {
  const fromConfig = config?.history ? (isAbsolute(config.history) ? config.history : join(config.root, config.history)) : undefined;
  const path = given ?? fromConfig ?? DEFAULT_HISTORY;
  if (!existsSync(resolve(cwd, path))) {
    throw new UsageError(`history snapshot not found: ${path}`, 'Export one with `distrule export --since … --until … --out DIR`, then pass --history DIR.');
  }
  return path;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function windowOption(from?: string, until?: string): { from?: string; to?: string } {
  for (const [name, v] of [['from', from], ['until', until]] as const) {
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got "${v}")`);
  }
  if (from && until && until <= from) throw new UsageError(`--until ${until} is not after --from ${from}: the window is empty`);
  return { ...(from ? { from } : {}), ...(until ? { to: until } : {}) };
}

/** Progress on stderr when it is a terminal; silent when piped. */
export function progressReporter(io: Io): { update: (p: { orders: number; day: string }) => void; end: () => void } {
  let shown = false;
  return {
    update: (p) => {
      if (!io.progress) return;
      shown = true;
      io.stderr(`\r  replaying… ${p.orders.toLocaleString('en-US')} orders, at ${p.day}   `);
    },
    end: () => {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}
