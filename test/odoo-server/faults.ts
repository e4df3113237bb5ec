/**
 * Injectable transport faults, for the client's retry and timeout tests: answer with an HTTP
 * status (e.g. 503 with Retry-After, as a proxy in front of Odoo would), wait before handling,
 * or drop the connection without an answer.
 */
export type Transport = 'xmlrpc' | 'jsonrpc' | 'json2' | 'http';

/** Which requests a fault applies to; every given key must match. */
export interface FaultMatch {
  transport?: Transport;
  /** ORM model, for object calls and JSON-2. */
  model?: string;
  /** RPC method (`login`, `version`) or ORM method (`search_read`). */
  method?: string;
}

interface FaultBase {
  /** How many matching requests it hits; default 1. `Infinity` for all. */
  times?: number;
  match?: FaultMatch;
}

export type FaultSpec =
  | (FaultBase & { kind: 'status'; status: number; retryAfter?: number | string; body?: string })
  | (FaultBase & { kind: 'delay'; ms: number })
  | (FaultBase & { kind: 'close' });

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export interface FaultTarget {
  transport: Transport;
  model?: string;
  method?: string;
}

export class FaultQueue {
  private readonly faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults.length = 0;
  }

  get pending(): number {
    return this.faults.length;
  }

  /** The faults hitting this request, consumed: delays first, then at most one status/close. */
  take(target: FaultTarget): FaultSpec[] {
    const hits: FaultSpec[] = [];
    let terminal = false;
    for (const fault of this.faults) {
      if (fault.remaining <= 0 || !matches(fault.spec.match, target)) continue;
      const isTerminal = fault.spec.kind !== 'delay';
      if (isTerminal && terminal) continue;
      terminal ||= isTerminal;
      fault.remaining -= 1;
      hits.push(fault.spec);
    }
    for (let i = this.faults.length - 1; i >= 0; i -= 1) if (this.faults[i].remaining <= 0) this.faults.splice(i, 1);
    return hits.sort((a, b) => Number(a.kind !== 'delay') - Number(b.kind !== 'delay'));
  }
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.transport && match.transport !== target.transport) return false;
  if (match.model && match.model !== target.model) return false;
  if (match.method && match.method !== target.method) return false;
  return true;
}

const REASONS: Readonly<Record<number, string>> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The HTML a reverse proxy answers with. */
export function faultBody(status: number): string {
  const reason = REASONS[status] ?? 'Error';
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
