import type { StreamConnector, StreamMessage } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { httpOutput } from './stream-output.util';

/** The HEC event of a stream message: time in seconds from its id, the STIX data as `event`. */
export function hecEvent(
  message: StreamMessage,
  index: string | undefined,
): Record<string, unknown> {
  const data = message.data;
  return {
    time: Number(message.id.split('-')[0]) / 1000,
    host: 'threatloom',
    source: 'threatloom:live-stream',
    sourcetype: '_json',
    ...(index ? { index } : {}),
    event: {
      event_id: message.id,
      event_type: message.event,
      message: data.message,
      origin: data.origin,
      stix: data.data,
    },
  };
}

/**
 * `splunk-hec` (STREAM): sends each event of its stream to a Splunk HTTP Event Collector
 * (`/services/collector/event`, `Authorization: Splunk <token>`), retrying while it is down.
 */
export function splunkHecOutput(settings: {
  url: string;
  token: string;
  index?: string;
  stream: string;
}): StreamConnector {
  return httpOutput({
    name: 'SplunkHecConnector',
    registration: builtInRegistration({
      id: 'threatloom-splunk-hec',
      name: 'Splunk HEC (built-in)',
      type: 'STREAM',
      scope: [],
    }),
    stream: settings.stream,
    url: `${settings.url.replace(/\/+$/, '')}/services/collector/event`,
    headers: () => ({ authorization: `Splunk ${settings.token}` }),
    body: (message) => hecEvent(message, settings.index),
  });
}
