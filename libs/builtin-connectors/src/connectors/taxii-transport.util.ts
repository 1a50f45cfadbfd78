import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import type { TaxiiPollerSettings } from '@lib/config';

const TAXII_ACCEPT = 'application/taxii+json;version=2.1';
const FETCH_TIMEOUT_MS = 5 * 60_000;

/**
 * The requests of one poll: every one with the headers and TLS options of the poller's settings
 * (Basic or Bearer authentication, client certificate, CA). `close` releases the TLS agent.
 */
export function taxiiTransport(settings: TaxiiPollerSettings) {
  const headers: Record<string, string> = { accept: TAXII_ACCEPT };
  if (settings.token) {
    headers.authorization = `Bearer ${settings.token}`;
  } else if (settings.user) {
    const basic = Buffer.from(`${settings.user}:${settings.password ?? ''}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
  }
  const tls = settings.cert || settings.ca;
  const dispatcher = tls
    ? new Agent({
        connect: {
          ...(settings.cert ? { cert: readFileSync(settings.cert) } : {}),
          ...(settings.key ? { key: readFileSync(settings.key) } : {}),
          ...(settings.ca ? { ca: readFileSync(settings.ca) } : {}),
        },
      })
    : undefined;
  return {
    get: (url: URL) =>
      fetch(url, {
        headers,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        ...(dispatcher ? { dispatcher } : {}),
      }),
    close: async (): Promise<void> => {
      await dispatcher?.close();
    },
  };
}
