import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';
import { AppError } from '@lib/kernel';

/** One received SSE message: `data` as sent (JSON text for Threatloom's streams). */
export type ReceivedSse = { id: string | undefined; event: string; data: string };

/**
 * The messages of an SSE endpoint as they arrive, until the server ends the response or
 * `signal` aborts. A refused connection (non-200) throws STREAM_HTTP_ERROR with the status and
 * the start of the body.
 */
export async function* readSse(
  url: string,
  init: { headers?: Record<string, string>; signal: AbortSignal },
): AsyncGenerator<ReceivedSse> {
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...init.headers },
    signal: init.signal,
  });
  if (response.status !== 200 || !response.body) {
    const body = (await response.text().catch(() => '')).slice(0, 300);
    throw new AppError({
      code: 'STREAM_HTTP_ERROR',
      category: response.status >= 500 ? 'unavailable' : 'validation',
      message: `${url} answered ${response.status}: ${body}`,
      details: { status: response.status },
    });
  }
  const pending: ReceivedSse[] = [];
  const parser = createParser({
    onEvent: (message: EventSourceMessage) =>
      pending.push({ id: message.id, event: message.event ?? 'message', data: message.data }),
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body) {
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      while (pending.length > 0) yield pending.shift() as ReceivedSse;
    }
  } catch (error) {
    if (!init.signal.aborted) throw error;
  }
}
