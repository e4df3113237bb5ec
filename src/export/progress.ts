/**
 * Progress of an export on a terminal: one line per model, rewritten in place while the model
 * runs (model, records, rate), kept when it completes. Only for a TTY: the CLI stays quiet when
 * stderr is piped.
 */
import type { ExportProgress } from './export.js';

export interface ProgressPrinterOptions {
  /** Milliseconds between redraws of a running model's line. Default 100. */
  intervalMs?: number;
  now?: () => number;
}

const number = new Intl.NumberFormat('en-US');

export function formatProgress(p: ExportProgress): string {
  const position = `[${String(p.index).padStart(String(p.of).length)}/${p.of}]`;
  const records = `${number.format(p.records)} record${p.records === 1 ? '' : 's'}`;
  const rate = p.fetched > 0 ? `  ${number.format(p.rate)}/s` : '';
  const resumed = p.records > p.fetched ? `  (${number.format(p.records - p.fetched)} before resuming)` : '';
  return `${position} ${p.model.padEnd(27)} ${records.padStart(16)}${rate}${resumed}`;
}

/** An `onProgress` that draws on a terminal through `write` (e.g. process.stderr.write). */
export function progressPrinter(write: (text: string) => void, options: ProgressPrinterOptions = {}): (p: ExportProgress) => void {
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  return (p) => {
    if (p.done) {
      write(`\r\x1b[K${formatProgress(p)}\n`);
      last = Number.NEGATIVE_INFINITY;
      return;
    }
    const t = now();
    if (t - last < interval) return;
    last = t;
    write(`\r\x1b[K${formatProgress(p)}`);
  };
}
