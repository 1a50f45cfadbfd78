import type { ConnectorJob, ConnectorSession, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { enrichOffline, enrichedObservable, stixEntityOf } from './offline-enrichment.util';

/**
 * INTERNAL_ENRICHMENT without network access: IP ranges, registrable domains and public
 * suffixes, hash algorithms, as labels and a description on the observable (plus the
 * registrable domain, related to a host name or URL).
 */
export function offlineEnricher(): JobConnector {
  return {
    kind: 'jobs',
    registration: builtInRegistration({
      id: 'threatloom-offline-enricher',
      name: 'Offline enrichment (IP ranges, domains, hashes)',
      type: 'INTERNAL_ENRICHMENT',
      scope: ['IPv4-Addr', 'IPv6-Addr', 'Domain-Name', 'Hostname', 'Url', 'StixFile'],
    }),
    async handle(job: ConnectorJob, session: ConnectorSession) {
      const stix = stixEntityOf(job.event);
      if (!stix) {
        return { message: 'The job carries no STIX entity', inError: true };
      }
      const enrichment = enrichOffline(stix);
      if (!enrichment) {
        return {
          message: `Nothing known offline of ${stix.type} ${typeof stix.value === 'string' ? stix.value : stix.id}`,
        };
      }
      const sent = await session.send([
        enrichedObservable(stix, enrichment),
        ...enrichment.related,
      ]);
      return { message: `${enrichment.labels.join(', ')} (${sent} objects sent)` };
    },
  };
}
