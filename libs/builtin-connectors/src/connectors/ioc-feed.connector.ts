import type { IocFeedSettings } from '@lib/config';
import { generateStandardId } from '@lib/stix';
import type { ConnectorSession, ScheduledConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import { entryObjects, entryScore, entryType, readEntries } from './ioc-entries.util';
import type { FeedContext, SkippedEntry } from './ioc-entries.util';
import type { StixObject } from './offline-enrichment.util';
import { importChangedSources } from './source-reader.util';

/** Skipped entries named in a run's message, at most (the count is always given). */
const SKIPPED_SHOWN = 5;

const STIX_TYPES: Readonly<Record<string, string>> = {
  'Intrusion-Set': 'intrusion-set',
  Malware: 'malware',
  'Threat-Actor-Group': 'threat-actor',
  Campaign: 'campaign',
  Tool: 'tool',
};

/**
 * `ioc-feeds` (EXTERNAL_IMPORT): reads CSV and plain-text IOC lists (URLs or files) on a
 * schedule; each entry becomes an observable of its type (given, mapped from a column, or
 * recognised), scored and labelled, with an indicator based on it and, when the feed names one,
 * an `indicates` relationship to an intrusion set or malware. A feed whose content did not
 * change is skipped; an entry that cannot be read is skipped and reported with its line, and
 * never stops the rest of its feed or the other feeds.
 */
export function iocFeeds(
  feeds: readonly IocFeedSettings[],
  intervalMinutes: number,
): ScheduledConnector {
  return {
    kind: 'scheduled',
    registration: builtInRegistration({
      id: 'threatloom-ioc-feeds',
      name: 'CSV and plain-text IOC feeds',
      type: 'EXTERNAL_IMPORT',
      scope: ['indicator', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'file'],
    }),
    intervalMs: intervalMinutes * 60_000,
    workName: (now) => `IOC feeds run @ ${now.toISOString()}`,
    run: (session: ConnectorSession) =>
      importChangedSources(session, 'feeds', feeds, async (feed, content) => {
        const result = await importFeed(session, feed, content.toString('utf8'));
        return {
          summary: describe(result),
          state: { entries: result.entries, skipped: result.skipped.length },
        };
      }),
  };
}

type FeedResult = { entries: number; repeated: number; objects: number; skipped: SkippedEntry[] };

function describe(result: FeedResult): string {
  const shown = result.skipped
    .slice(0, SKIPPED_SHOWN)
    .map((s) => `line ${s.line}: ${s.reason}`)
    .join(', ');
  const more = result.skipped.length > SKIPPED_SHOWN ? ', …' : '';
  const skipped =
    result.skipped.length > 0 ? `, ${result.skipped.length} skipped (${shown}${more})` : '';
  const repeated = result.repeated > 0 ? ` (${result.repeated} repeated)` : '';
  return `${result.entries} entries${repeated}, ${result.objects} objects${skipped}`;
}

/** Sends the feed's shared objects (author, target), then its entries' in chunks. */
async function importFeed(
  session: ConnectorSession,
  feed: IocFeedSettings,
  text: string,
): Promise<FeedResult> {
  const { entries, skipped } = readEntries(text, feed);
  const shared: StixObject[] = [];
  const context: FeedContext = { feed, now: new Date(), markingIds: feed.markings.map(markingId) };
  if (feed.author) {
    const author = {
      type: 'identity',
      spec_version: '2.1',
      id: generateStandardId('Organization', { name: feed.author, identity_class: 'organization' }),
      name: feed.author,
      identity_class: 'organization',
    };
    shared.push(author);
    context.authorId = author.id;
  }
  if (feed.indicates) {
    const { type, name } = feed.indicates;
    const target: StixObject = {
      type: STIX_TYPES[type] ?? 'intrusion-set',
      spec_version: '2.1',
      id: generateStandardId(type, { name }),
      name,
      ...(type === 'Malware' ? { is_family: true } : {}),
      ...(context.authorId ? { created_by_ref: context.authorId } : {}),
    };
    shared.push(target);
    context.targetId = target.id;
  }
  let objects = shared.length > 0 ? await session.send(shared) : 0;
  const limit = feed.maxEntries ?? Infinity;
  const seen = new Set<string>();
  let imported = 0;
  let repeated = 0;
  let batch: StixObject[] = [];
  for (const entry of entries) {
    if (imported >= limit) break;
    const typed = entryType(entry, feed);
    if ('reason' in typed) {
      skipped.push({ line: entry.line, reason: `${entry.value}: ${typed.reason}` });
      continue;
    }
    if (feed.minScore !== undefined && entryScore(entry, feed) < feed.minScore) continue;
    const key = `${typed.type}|${typed.value.toLowerCase()}`;
    if (seen.has(key)) {
      repeated += 1;
      continue;
    }
    seen.add(key);
    batch.push(...entryObjects(entry, typed, context));
    imported += 1;
    if (batch.length >= 5000) {
      objects += await session.send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) objects += await session.send(batch);
  skipped.sort((a, b) => a.line - b.line);
  return { entries: imported, repeated, objects, skipped };
}

/** A TLP name's fixed marking id (data-model.md §4.1), or the id as given. */
function markingId(marking: string): string {
  return /^TLP:/i.test(marking)
    ? generateStandardId('Marking-Definition', {
        definition_type: 'TLP',
        definition: marking.toUpperCase(),
      })
    : marking;
}
