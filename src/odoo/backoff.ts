/**
 * Retry timing: exponential backoff with full jitter (a random delay between 0 and the capped
 * exponential), so many clients retrying after the same outage do not arrive together.
 * Time is injectable so tests run without waiting.
 */
export interface OdooClock {
  /** Milliseconds, like Date.now(). */
  now(): number;
  /** Wait `ms`; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: OdooClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface BackoffPolicy {
  /** First retry waits up to this long. */
  baseMs: number;
  /** No single wait is longer than this (unless the server asks, see maxRetryAfterMs). */
  maxMs: number;
  /** A Retry-After longer than this is not waited for: the call fails and the caller decides. */
  maxRetryAfterMs: number;
}

/**
 * Delay before retry number `retry` (1-based). A server's Retry-After wins when present;
 * `undefined` means "too long to wait here, give up".
 */
export function retryDelay(
  policy: BackoffPolicy,
  retry: number,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
