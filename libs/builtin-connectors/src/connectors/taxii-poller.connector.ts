import type { TaxiiPollerSettings } from '@lib/config';
import type { ConnectorSession, ScheduledConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { StixObject } from './offline-enrichment.util';

const PAGE_LIMIT = 1000;

type TaxiiState = { added_after?: string; pages?: number };
type Envelope = { more?: boolean; next?: string; objects?: StixObject[] };

/**
 * `taxii` (EXTERNAL_IMPORT): polls a TAXII 2.1 collection every few minutes (Basic, Bearer or
 * client-certificate authentication), page by page with `next`, from the last date added it
 * received (`added_after`, kept in its state after each page, so a failure resumes where it
 * stopped). Objects go through the push queue; a bad one is rejected alone by the import.
 */
export function taxiiPoller(settings: TaxiiPollerSettings): ScheduledConnector {
  const base = settings.collectionUrl.endsWith('/')
    ? settings.collectionUrl
    : `${settings.collectionUrl}/`;
  return {
    kind: 'scheduled',
    registration: builtInRegistration({
      id: 'threatloom-taxii',
      name: 'TAXII 2.1 collection poller',
      type: 'EXTERNAL_IMPORT',
      scope: [],
    }),
    intervalMs: settings.intervalMinutes * 60_000,
    workName: (now) => `TAXII poll of ${base} @ ${now.toISOString()}`,
    async run(session: ConnectorSession) {
      // undici (about 17 MB once required) is loaded by the first poll.
      const { taxiiTransport } = await import('./taxii-transport.util.js');
      const transport = taxiiTransport(settings);
      const state = (session.state ?? {}) as TaxiiState;
      const addedAfter = state.added_after ?? settings.addedAfter;
      let next: string | undefined;
      let received = 0;
      let pages = 0;
      let lastAdded = addedAfter;
      try {
        do {
          const url = new URL('objects/', base);
          url.searchParams.set('limit', String(PAGE_LIMIT));
          if (addedAfter) url.searchParams.set('added_after', addedAfter);
          if (next) url.searchParams.set('next', next);
          const response = await transport.get(url);
          const text = await response.text();
          if (!response.ok) {
            throw new Error(`${url.href} answered ${response.status}: ${text.slice(0, 300)}`);
          }
          const envelope = (text ? JSON.parse(text) : {}) as Envelope;
          const objects = envelope.objects ?? [];
          received += await session.send(objects);
          pages += 1;
          lastAdded = response.headers.get('x-taxii-date-added-last') ?? lastAdded;
          if (lastAdded) await session.saveState({ added_after: lastAdded, pages });
          next = envelope.more && envelope.next ? envelope.next : undefined;
        } while (next);
      } finally {
        await transport.close();
      }
      return { message: `${received} objects in ${pages} page(s) from ${base}` };
    },
  };
}
