import { z } from 'zod';
import { int } from './config-variable.types';
import type { ConfigVariable } from './config-variable.types';

/** The settings of the built-in STREAM connectors (webhook, Splunk HEC, syslog, sync). */
export const CONNECTOR_OUTPUT_VARIABLES = [
  {
    env: 'THREATLOOM_CONNECTOR_WEBHOOK_URL',
    group: 'connectors',
    schema: z.url(),
    description:
      'webhook connector: where each stream event is POSTed as JSON (required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_WEBHOOK_TOKEN',
    group: 'connectors',
    schema: z.string().min(1),
    secret: true,
    description: 'webhook connector: sent as `Authorization: Bearer <token>` when set.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_WEBHOOK_STREAM',
    group: 'connectors',
    schema: z.string().min(1),
    default: 'live',
    description:
      'webhook connector: the stream it forwards, `live` (everything) or a stream collection id (its filters).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SPLUNK_URL',
    group: 'connectors',
    schema: z.url(),
    description:
      'splunk-hec connector: base URL of the HTTP Event Collector (events go to /services/collector/event; required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SPLUNK_TOKEN',
    group: 'connectors',
    schema: z.string().min(1),
    secret: true,
    description: 'splunk-hec connector: the HEC token (required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SPLUNK_INDEX',
    group: 'connectors',
    schema: z.string().min(1),
    description:
      'splunk-hec connector: the Splunk index of the events (the token default when unset).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SPLUNK_STREAM',
    group: 'connectors',
    schema: z.string().min(1),
    default: 'live',
    description: 'splunk-hec connector: `live` or a stream collection id.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYSLOG_HOST',
    group: 'connectors',
    schema: z.string().min(1),
    description: 'syslog connector: the syslog server host (required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYSLOG_PORT',
    group: 'connectors',
    schema: int(1, 65535),
    default: '514',
    description: 'syslog connector: the syslog server port.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYSLOG_PROTOCOL',
    group: 'connectors',
    schema: z.enum(['udp', 'tcp']),
    default: 'udp',
    description:
      'syslog connector: udp (one datagram per message) or tcp (octet-counted framing, RFC 6587).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYSLOG_FORMAT',
    group: 'connectors',
    schema: z.enum(['rfc5424', 'cef']),
    default: 'rfc5424',
    description:
      'syslog connector: rfc5424 (the event as JSON in the message) or cef (ArcSight CEF in an RFC 5424 message).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYSLOG_STREAM',
    group: 'connectors',
    schema: z.string().min(1),
    default: 'live',
    description: 'syslog connector: `live` or a stream collection id.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYNC_URL',
    group: 'connectors',
    schema: z.url(),
    description:
      'sync connector: base URL of the Threatloom (or OpenCTI) platform whose live stream this one mirrors (required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYNC_TOKEN',
    group: 'connectors',
    schema: z.string().min(1),
    secret: true,
    description:
      'sync connector: API token of a user of the remote platform (required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_SYNC_STREAM',
    group: 'connectors',
    schema: z.string().min(1),
    default: 'live',
    description:
      'sync connector: the remote stream, `live` or a stream collection id; the first run copies its current state, then follows it.',
  },
] as const satisfies readonly ConfigVariable[];
