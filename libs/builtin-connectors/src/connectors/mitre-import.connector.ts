import type { ConnectorSession, ScheduledConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { StixObject } from './offline-enrichment.util';
import { importChangedSources } from './source-reader.util';

// References go first: a bundle is sent in chunks, and objects arrive before what points to them.
const RANK: Readonly<Record<string, number>> = {
  'marking-definition': 0,
  identity: 1,
  relationship: 3,
  sighting: 3,
};

/**
 * EXTERNAL_IMPORT of MITRE's STIX bundles (ATT&CK enterprise, mobile, ICS, CAPEC, ATLAS) from
 * URLs or file paths. A source whose content did not change since its last import is skipped; a
 * source that fails is reported and retried at the next run, never blocking the others.
 */
export function mitreImport(sources: readonly string[], intervalHours: number): ScheduledConnector {
  return {
    kind: 'scheduled',
    registration: builtInRegistration({
      id: 'threatloom-mitre',
      name: 'MITRE ATT&CK, CAPEC and ATLAS',
      type: 'EXTERNAL_IMPORT',
      scope: ['attack-pattern', 'course-of-action', 'intrusion-set', 'malware', 'tool', 'identity'],
    }),
    intervalMs: intervalHours * 3_600_000,
    workName: (now) => `MITRE run @ ${now.toISOString()}`,
    run: (session: ConnectorSession) =>
      importChangedSources(
        session,
        'sources',
        sources.map((source) => ({ name: source, source })),
        async ({ source }, content) => {
          const objects = bundleObjects(content.toString('utf8'), source);
          const sent = await session.send(orderByReferences(objects));
          return { summary: `${sent} objects`, state: { objects: sent } };
        },
      ),
  };
}

function bundleObjects(text: string, source: string): StixObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON`);
  }
  const objects = (parsed as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) {
    throw new Error(`${source} is not a STIX bundle (no objects array)`);
  }
  return objects.filter(
    (o): o is StixObject =>
      typeof o === 'object' && o !== null && typeof (o as StixObject).id === 'string',
  );
}

function orderByReferences(objects: readonly StixObject[]): StixObject[] {
  return [...objects].sort((a, b) => (RANK[a.type] ?? 2) - (RANK[b.type] ?? 2));
}
