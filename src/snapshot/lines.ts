/**
 * Line-level plumbing shared by the reader and the writer's resume: splitting a file into
 * lines without loading it whole, and deciding whether one line is a record.
 */
import { createReadStream } from 'node:fs';
import type { OdooRecord } from '../facts/source.js';

export interface FileLine {
  /** The line without its terminating `\n` (and without a `\r` before it); empty when oversized. */
  text: string;
  /** 1-based. */
  line: number;
  /** The line was longer than the limit and was skipped unread (its text is empty). */
  oversized?: boolean;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** No record comes near this; a longer "line" is a corrupt or foreign file. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Streams the lines of a file. Memory stays at one read chunk plus the longest line (at most
 * `maxLineBytes`; longer lines are skipped and flagged): a 1M-order file is never in memory at
 * once. Splitting on the byte `\n` is safe for UTF-8, whose multi-byte sequences never contain it.
 */
export async function* readFileLines(path: string, chunkBytes = 1 << 20, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  for await (const batch of readFileLineBatches(path, chunkBytes, maxLineBytes)) yield* batch;
}

/** readFileLines, a read chunk's lines at a time: one await per chunk instead of one per line. */
export async function* readFileLineBatches(path: string, chunkBytes = 1 << 20, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine[]> {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  let carry: Buffer | undefined;
  let skipping = false;
  let line = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const batch: FileLine[] = [];
    let start = 0;
    // The line the last chunk left open ends in this one: join just that line, not the chunk.
    if (carry || skipping) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) {
        if (!skipping) {
          carry = Buffer.concat([carry!, chunk]);
          if (carry.length > maxLineBytes) {
            skipping = true;
            carry = undefined;
          }
        }
        continue;
      }
      line++;
      if (skipping) batch.push({ text: '', line, oversized: true });
      else {
        const joined = Buffer.concat([carry!, chunk.subarray(0, nl)]);
        batch.push({ text: decode(joined, 0, joined.length), line });
      }
      skipping = false;
      carry = undefined;
      start = nl + 1;
    }
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      line++;
      batch.push({ text: decode(chunk, start, nl), line });
      start = nl + 1;
    }
    if (batch.length) yield batch;
    if (start < chunk.length) {
      carry = chunk.subarray(start);
      if (carry.length > maxLineBytes) {
        skipping = true;
        carry = undefined;
      }
    }
  }
  if (skipping) yield [{ text: '', line: line + 1, oversized: true }];
  else if (carry && carry.length > 0) {
    line++;
    yield [{ text: decode(carry, 0, carry.length), line }];
  }
}

function decode(buf: Buffer, start: number, end: number): string {
  const stop = end > start && buf[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
  return buf.toString('utf8', start, stop);
}

export type LineVerdict =
  | { ok: true; record: OdooRecord }
  | { ok: false; kind: 'bad-json' | 'not-a-record'; message: string };

/** A record line is a JSON object with a positive integer `id`. */
export function parseRecordLine(text: string): LineVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = text.trim() === '' ? 'empty line' : (err as Error).message;
    return { ok: false, kind: 'bad-json', message: `not valid JSON (${detail})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, kind: 'not-a-record', message: `not a record: expected a JSON object, got ${describe(value)}` };
  }
  const id = (value as { id?: unknown }).id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) {
    return { ok: false, kind: 'not-a-record', message: `not a record: "id" must be a positive integer, got ${JSON.stringify(id ?? null)}` };
  }
  return { ok: true, record: value as OdooRecord };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** The first characters of a bad line, for messages. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
