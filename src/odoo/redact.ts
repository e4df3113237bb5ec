/**
 * Keeping the secret out of everything that leaves the client: messages, tracebacks, causes.
 *
 * Odoo may echo request arguments in its errors, and Node/undici/xmlrpc errors can carry the
 * request (with the password or bearer token) on them, so server text is redacted and raw
 * transport errors are replaced by a summary of their name, code and redacted message.
 */

export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';

export function makeRedactor(secret: string): Redactor {
  if (!secret) return (text) => text;
  return (text) => (text.includes(secret) ? text.split(secret).join(REDACTED) : text);
}

/** A URL fit for messages: no user-info, query or fragment (either could hold credentials). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

/** A plain Error naming what went wrong underneath, safe to use as `cause`. */
export function safeCause(error: unknown, redact: Redactor): Error {
  const parts: string[] = [];
  let current: unknown = error;
  // Walk a short cause chain (undici puts the socket error under `cause`).
  for (let depth = 0; depth < 3 && current !== undefined && current !== null; depth++) {
    if (typeof current === 'object') {
      const record = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
      const name = typeof record.name === 'string' ? record.name : 'Error';
      const code = typeof record.code === 'string' || typeof record.code === 'number' ? ` ${record.code}` : '';
      const message = typeof record.message === 'string' ? `: ${record.message}` : '';
      parts.push(`${name}${code}${message}`);
      current = record.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  const summary = new Error(redact(parts.join(' <- ')));
  summary.name = 'TransportError';
  return summary;
}

/** The `code` of a Node/undici network error, looking one level into `cause`. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (typeof record.cause === 'object' && record.cause !== null) {
    const code = (record.cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
