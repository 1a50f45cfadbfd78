import { Logger } from '@nestjs/common';
import type { StreamConnector, StreamMessage } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { postOnce, withBackoff } from './stream-output.util';

/**
 * `webhook` (STREAM): POSTs each event of its stream as JSON (`{id, event, ...the version 4
 * event}`), with retries and exponential backoff while the receiver is down or failing.
 */
export function webhookOutput(settings: {
  url: string;
  token?: string;
  stream: string;
}): StreamConnector {
  const logger = new Logger('WebhookConnector');
  const headers: Record<string, string> = settings.token
    ? { authorization: `Bearer ${settings.token}` }
    : {};
  return {
    kind: 'stream',
    registration: builtInRegistration({
      id: 'threatloom-webhook',
      name: 'Webhook (built-in)',
      type: 'STREAM',
      scope: [],
    }),
    stream: settings.stream,
    deliver: (message: StreamMessage, signal: AbortSignal) =>
      withBackoff(
        () =>
          postOnce(
            settings.url,
            JSON.stringify({ id: message.id, event: message.event, ...message.data }),
            { ...headers, 'x-threatloom-event-id': message.id },
            signal,
          ),
        signal,
        (error, retry, waitMs) =>
          logger.warn(
            `Webhook delivery of ${message.id} failed (try ${retry}, next in ${waitMs} ms): ${String(error)}`,
          ),
      ),
  };
}
