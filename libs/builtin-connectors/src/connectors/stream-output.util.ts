import { Logger } from '@nestjs/common';
import type { ConnectorRegistration } from '@lib/connectors';
import { AppError } from '@lib/kernel';
import type { StreamConnector, StreamMessage } from '../builtin-connector.types';

/** A destination refused one message for good (4xx other than 408/429): it is skipped. */
export class StreamOutputRejected extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super({ code: 'STREAM_OUTPUT_REJECTED', category: 'validation', message, details });
  }
}

const MAX_BACKOFF_MS = 60_000;

/** Waits `ms`, or less when `signal` aborts (then throws its reason). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('stopped'));
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(new Error('stopped'));
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds: a StreamOutputRejected ends it at once, any other failure
 * (unreachable, 5xx, timeout) is retried after 0.5 s, 1 s, 2 s… up to a minute between tries,
 * `onRetry` told each time. Stops (throws) when `signal` aborts.
 */
export async function withBackoff(
  attempt: () => Promise<void>,
  signal: AbortSignal,
  onRetry: (error: unknown, retry: number, waitMs: number) => void,
  firstWaitMs = 500,
): Promise<void> {
  for (let retry = 0; ; retry++) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (error instanceof StreamOutputRejected || signal.aborted) throw error;
      const waitMs = Math.min(MAX_BACKOFF_MS, firstWaitMs * 2 ** retry);
      onRetry(error, retry + 1, waitMs);
      await pause(waitMs, signal);
    }
  }
}

/** POSTs a body; 2xx resolves, 408/429/5xx and network errors throw (retry), other 4xx reject. */
export async function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
  });
  const text = await response.text().catch(() => '');
  if (response.ok) return;
  const summary = `${url} answered ${response.status}: ${text.slice(0, 200)}`;
  if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) {
    throw new StreamOutputRejected(summary, { status: response.status });
  }
  throw new Error(summary);
}

/**
 * A STREAM connector that POSTs each message (`body` of it, with `headers`) to `url`, retrying
 * with backoff while the receiver fails, logging each retry under `name`.
 */
export function httpOutput(options: {
  name: string;
  registration: ConnectorRegistration;
  stream: string;
  url: string;
  headers: (message: StreamMessage) => Record<string, string>;
  body: (message: StreamMessage) => unknown;
}): StreamConnector {
  const logger = new Logger(options.name);
  return {
    kind: 'stream',
    registration: options.registration,
    stream: options.stream,
    deliver: (message: StreamMessage, signal: AbortSignal) =>
      withBackoff(
        () =>
          postOnce(
            options.url,
            JSON.stringify(options.body(message)),
            options.headers(message),
            signal,
          ),
        signal,
        (error, retry, waitMs) =>
          logger.warn(
            `Delivery of ${message.id} to ${options.url} failed (try ${retry}, next in ${waitMs} ms): ${String(error)}`,
          ),
      ),
  };
}
