import type { StreamConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { httpOutput } from './stream-output.util';

/**
 * `webhook` (STREAM): POSTs each event of its stream as JSON (`{id, event, ...the version 4
 * event}`), with retries and exponential backoff while the receiver is down or failing.
 */
export function webhookOutput(settings: {
  url: string;
  token?: string;
  stream: string;
}): StreamConnector {
  const auth: Record<string, string> = settings.token
    ? { authorization: `Bearer ${settings.token}` }
    : {};
  return httpOutput({
    name: 'WebhookConnector',
    registration: builtInRegistration({
      id: 'threatloom-webhook',
      name: 'Webhook (built-in)',
      type: 'STREAM',
      scope: [],
    }),
    stream: settings.stream,
    url: settings.url,
    headers: (message) => ({ ...auth, 'x-threatloom-event-id': message.id }),
    body: (message) => ({ id: message.id, event: message.event, ...message.data }),
  });
}
