import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { EventStream } from '@lib/event-stream';
import { accessRule, markingsAllowed, systemContext } from '@lib/rbac';
import type { AccessContext, AccessRule } from '@lib/rbac';
import type { TaxiiVersion } from '../taxii.types';
import { TaxiiError } from './taxii-error';

type Stix = Record<string, unknown>;

/** Newest events of one element read for its history (older versions are not served). */
const HISTORY_EVENTS = 1000;
const KEYWORDS = new Set(['first', 'last', 'all']);

/** The version of a served object: its `modified`, else the platform's update time. */
export function versionOf(stix: Stix, element: StoredElement): string {
  return typeof stix.modified === 'string' ? stix.modified : element.updatedAt;
}

/**
 * Checks `match[version]` values (TAXII 2.1 §3.4.2): `first`, `last`, `all` or timestamps;
 * anything else is a 400.
 */
export function checkVersionMatch(values: readonly string[] | undefined): void {
  for (const value of values ?? []) {
    if (!KEYWORDS.has(value) && Number.isNaN(Date.parse(value))) {
      throw new TaxiiError(
        400,
        `match[version] must be first, last, all or a timestamp, got ${value}`,
      );
    }
  }
}

/** Whether `match[version]` asks for more than the current version (so history is needed). */
export function needsHistory(values: readonly string[] | undefined): boolean {
  return (values ?? []).some((v) => v !== 'last');
}

/**
 * The versions `match[version]` designates among `versions` (ascending): `last` when absent,
 * `first`, `all`, or those whose version equals a given timestamp; ascending, without repeats.
 */
export function selectVersions(
  versions: readonly TaxiiVersion[],
  match: readonly string[] | undefined,
): TaxiiVersion[] {
  const wanted = match && match.length > 0 ? match : ['last'];
  if (wanted.includes('all')) return [...versions];
  const times = new Set(wanted.filter((v) => !KEYWORDS.has(v)).map((v) => Date.parse(v)));
  return versions.filter(
    (v, i) =>
      (i === 0 && wanted.includes('first')) ||
      (i === versions.length - 1 && wanted.includes('last')) ||
      times.has(Date.parse(v.version)),
  );
}

/**
 * An object's version history (TAXII 2.1 §5.6-5.8) from the live stream: every kept event about
 * the element since it was last (re)created, one version per distinct `modified` (its newest
 * content, first date seen), then the current object as the last version. Versions are only as
 * old as the stream's retention (THREATLOOM_EVENTS_MAX). A version whose own markings the reader
 * may not see, or that `keep` rejects (the collection's filters), is left out.
 */
@Injectable()
export class TaxiiVersionsService {
  private readonly system = systemContext('taxii-versions');

  constructor(
    @Inject(EventStream) private readonly events: EventStream,
    @Inject(EntityStore) private readonly store: EntityStore,
  ) {}

  /** Every version of `element` the reader may see, ascending by version. */
  async history(
    ctx: AccessContext,
    element: StoredElement,
    current: Stix,
    keep: (stix: Stix) => Stix | undefined,
  ): Promise<TaxiiVersion[]> {
    const events = await this.events.readElement(element.internalId, HISTORY_EVENTS);
    const lastDelete = events.map((e) => e.type).lastIndexOf('delete');
    const currentVersion = versionOf(current, element);
    const currentMs = Date.parse(currentVersion);
    const byVersion = new Map<number, TaxiiVersion>();
    for (const event of events.slice(lastDelete + 1)) {
      const modified = event.data.modified;
      if (typeof modified !== 'string') continue;
      const ms = Date.parse(modified);
      if (Number.isNaN(ms) || ms > currentMs) continue;
      const seen = byVersion.get(ms);
      byVersion.set(ms, {
        stix: event.data,
        dateAdded: seen?.dateAdded ?? event.timestamp,
        version: modified,
      });
    }
    // The current object is its last version, dated like the collection's pages date it.
    byVersion.set(currentMs, {
      stix: current,
      dateAdded: element.updatedAt,
      version: currentVersion,
    });
    const rule = accessRule(ctx);
    const markingIds = new Map<string, string>();
    const versions: TaxiiVersion[] = [];
    for (const [ms, version] of [...byVersion.entries()].sort(([a], [b]) => a - b)) {
      if (ms === currentMs) {
        versions.push(version); // already served and checked by the caller
        continue;
      }
      const stix = keep(version.stix);
      if (stix && (await this.markingsVisible(rule, stix, markingIds)))
        versions.push({ ...version, stix });
    }
    return versions;
  }

  /**
   * A version's own markings against the reader's (unknown markings are never allowed);
   * `markingIds` caches STIX id → internal id across one history.
   */
  private async markingsVisible(
    rule: AccessRule,
    stix: Stix,
    markingIds: Map<string, string>,
  ): Promise<boolean> {
    if (rule.markings === 'all') return true;
    const refs = Array.isArray(stix.object_marking_refs)
      ? stix.object_marking_refs.filter((r): r is string => typeof r === 'string')
      : [];
    const missing = refs.filter((ref) => !markingIds.has(ref));
    if (missing.length > 0) {
      const found = await this.store.resolve(this.system, missing);
      for (const ref of missing) markingIds.set(ref, found.get(ref)?.[0]?.internalId ?? ref);
    }
    return markingsAllowed(
      rule,
      refs.map((ref) => markingIds.get(ref) ?? ref),
    );
  }
}
