import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { hostname } from 'node:os';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { OCTI_EXTENSION_ID } from '@lib/stix';
import type { StreamConnector, StreamMessage } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { withBackoff } from './stream-output.util';

export type SyslogSettings = {
  host: string;
  port: number;
  protocol: 'udp' | 'tcp';
  format: 'rfc5424' | 'cef';
  stream: string;
};

/** local0.informational (RFC 5424 §6.2.1: facility 16 × 8 + severity 6). */
const PRI = 134;
const APP = 'threatloom';
const UDP_MAX = 65_000;

type Stix = Record<string, unknown>;

/** A scalar as text; objects as JSON; nothing as empty. */
const text = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : v === undefined || v === null
      ? ''
      : JSON.stringify(v);

/** CEF extension values escape backslash, equals and line breaks; header fields pipe too. */
const cefValue = (v: unknown) =>
  text(v).replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n/g, '\\n');
const cefHeader = (v: unknown) => text(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

const CEF_SEVERITY: Record<string, number> = { create: 3, update: 3, merge: 5, delete: 6 };

/** ArcSight CEF of a stream message (rt: commit time; the element's id, type, name). */
export function cefMessage(message: StreamMessage): string {
  const stix = (message.data.data ?? {}) as Stix;
  const octi = (stix.extensions as Record<string, Stix> | undefined)?.[OCTI_EXTENSION_ID] ?? {};
  const name = stix.name ?? stix.value ?? stix.pattern ?? stix.id;
  const extension = [
    ['rt', message.id.split('-')[0]],
    ['externalId', stix.id],
    ['cs1Label', 'entity_type'],
    ['cs1', octi.type ?? stix.type],
    ['cs2Label', 'name'],
    ['cs2', name],
    ['cs3Label', 'event_id'],
    ['cs3', message.id],
    ['msg', message.data.message],
  ]
    .map(([k, v]) => `${text(k)}=${cefValue(v)}`)
    .join(' ');
  return [
    'CEF:0',
    'Threatloom',
    'Threatloom',
    '1',
    cefHeader(`threatloom:${message.event}`),
    cefHeader(`${message.event} ${text(octi.type ?? stix.type)}`),
    String(CEF_SEVERITY[message.event] ?? 3),
    extension,
  ].join('|');
}

/** An RFC 5424 message: the event as JSON, or its CEF form; MSGID is the event type. */
export function syslogLine(message: StreamMessage, format: SyslogSettings['format']): string {
  const ms = Number(message.id.split('-')[0]);
  const body =
    format === 'cef'
      ? cefMessage(message)
      : JSON.stringify({ id: message.id, event: message.event, ...message.data });
  const host = hostname().replace(/\s/g, '').slice(0, 255) || '-';
  return `<${PRI}>1 ${new Date(ms).toISOString()} ${host} ${APP} ${process.pid} ${message.event} - ${body}`;
}

/**
 * `syslog` (STREAM): each event of its stream as an RFC 5424 message over UDP (one datagram) or
 * TCP (octet counting, RFC 6587), the event as JSON or in ArcSight CEF.
 */
export function syslogOutput(settings: SyslogSettings): StreamConnector {
  const logger = new Logger('SyslogConnector');
  let tcp: Socket | undefined;
  let udp: UdpSocket | undefined;

  const tcpSocket = (): Promise<Socket> =>
    tcp && !tcp.destroyed
      ? Promise.resolve(tcp)
      : new Promise((resolve, reject) => {
          const socket = connect({ host: settings.host, port: settings.port });
          socket.once('connect', () => {
            tcp = socket;
            resolve(socket);
          });
          socket.once('error', (error) => {
            socket.destroy();
            reject(error);
          });
          socket.on('close', () => {
            if (tcp === socket) tcp = undefined;
          });
        });

  const sendOnce = async (line: string): Promise<void> => {
    const bytes = Buffer.from(line, 'utf8');
    if (settings.protocol === 'tcp') {
      const socket = await tcpSocket();
      const framed = Buffer.concat([Buffer.from(`${bytes.length} `), bytes]);
      await new Promise<void>((resolve, reject) =>
        socket.write(framed, (error) => (error ? reject(error) : resolve())),
      );
      return;
    }
    udp ??= createSocket(settings.host.includes(':') ? 'udp6' : 'udp4');
    const datagram = bytes.length > UDP_MAX ? bytes.subarray(0, UDP_MAX) : bytes;
    await new Promise<void>((resolve, reject) =>
      udp?.send(datagram, settings.port, settings.host, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  };

  return {
    kind: 'stream',
    registration: builtInRegistration({
      id: 'threatloom-syslog',
      name: 'Syslog (built-in)',
      type: 'STREAM',
      scope: [],
    }),
    stream: settings.stream,
    deliver: (message: StreamMessage, signal: AbortSignal) =>
      withBackoff(
        () => sendOnce(syslogLine(message, settings.format)),
        signal,
        (error, retry, waitMs) =>
          logger.warn(
            `Syslog delivery of ${message.id} failed (try ${retry}, next in ${waitMs} ms): ${String(error)}`,
          ),
      ),
    close: async () => {
      tcp?.end();
      udp?.close();
      await Promise.resolve();
    },
  };
}
