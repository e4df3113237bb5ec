/**
 * One HTTP exchange with fetch, turning network failures and aborts into OdooErrors.
 * Status codes are left to the caller: what they mean differs per protocol.
 */
import { errorFromHttpReply, networkError, type CallContext } from './classify.js';
import { errorCode } from './redact.js';

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export async function httpExchange(request: HttpRequest, ctx: CallContext): Promise<HttpReply> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: 'follow',
    });
    // The body is read under the same signal, so a stalled body also times out.
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw failure(error, request.signal, ctx);
  }
}

function failure(error: unknown, signal: AbortSignal, ctx: CallContext): unknown {
  // Aborted: either the client's per-call timeout (its reason is already an OdooError) or the
  // caller's own signal, whose reason is passed through untouched.
  if (signal.aborted) return signal.reason;
  return networkError(error, errorCode(error), ctx);
}

/** A reply with any status but 200 becomes the OdooError its status and body stand for. */
export function throwUnlessOk(reply: HttpReply, ctx: CallContext, now: number): void {
  if (reply.status !== 200) {
    throw errorFromHttpReply({ status: reply.status, retryAfter: reply.headers.get('retry-after'), bodyText: reply.text, now }, ctx);
  }
}
