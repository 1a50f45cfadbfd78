import { z } from 'zod';
import { int } from './config-variable.types';
import type { ConfigVariable } from './config-variable.types';
import { HTTP_ENRICHERS_VARIABLE_SCHEMA } from './http-enricher.schema';
import { IOC_FEEDS_VARIABLE_SCHEMA } from './ioc-feed.schema';

/** The settings of the built-in connectors that need some (outputs, sync, TAXII poller). */
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
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_URL',
    group: 'connectors',
    schema: z.url(),
    description:
      'taxii connector: URL of the TAXII 2.1 collection it polls (…/collections/<id>/; required when enabled).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_USER',
    group: 'connectors',
    schema: z.string().min(1),
    description: 'taxii connector: user of HTTP Basic authentication.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_PASSWORD',
    group: 'connectors',
    schema: z.string().min(1),
    secret: true,
    description: 'taxii connector: password of HTTP Basic authentication.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_TOKEN',
    group: 'connectors',
    schema: z.string().min(1),
    secret: true,
    description: 'taxii connector: sent as `Authorization: Bearer <token>` (instead of Basic).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_CERT',
    group: 'connectors',
    schema: z.string().min(1),
    description:
      'taxii connector: PEM file of a client certificate (with THREATLOOM_CONNECTOR_TAXII_KEY).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_KEY',
    group: 'connectors',
    schema: z.string().min(1),
    description: "taxii connector: PEM file of the client certificate's private key.",
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_CA',
    group: 'connectors',
    schema: z.string().min(1),
    description: 'taxii connector: PEM file of the CA the server certificate is checked against.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_INTERVAL_MIN',
    group: 'connectors',
    schema: int(1, 7 * 24 * 60),
    default: '60',
    description: 'taxii connector: minutes between two polls.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_TAXII_ADDED_AFTER',
    group: 'connectors',
    schema: z.iso.datetime({ offset: true }),
    description:
      'taxii connector: on the first poll, only objects added after this date (default: everything); later polls go on from the last date added received.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_IOC_FEEDS',
    group: 'connectors',
    schema: IOC_FEEDS_VARIABLE_SCHEMA,
    description:
      'ioc-feeds connector: a JSON array of CSV or plain-text IOC feeds, inline or in the file named here; each names its source (URL or path), format, columns and how entries become observables and indicators (README, "IOC feeds").',
  },
  {
    env: 'THREATLOOM_CONNECTOR_IOC_FEEDS_INTERVAL_MIN',
    group: 'connectors',
    schema: int(1, 7 * 24 * 60),
    default: '60',
    description: 'ioc-feeds connector: minutes between two reads of every feed.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_HTTP_ENRICHERS',
    group: 'connectors',
    schema: HTTP_ENRICHERS_VARIABLE_SCHEMA,
    secret: true,
    description:
      'http-enricher connector: a JSON array of HTTP APIs, inline or in the file named here, each an enrichment connector: its URL and headers, the observable types it takes, and where in the JSON answer it reads a score, labels, a description (README, "HTTP enrichers").',
  },
] as const satisfies readonly ConfigVariable[];
