import { parse as parseCsv } from 'csv-parse/sync';
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';
import type { IocFeedSettings, IocFeedType } from '@lib/config';
import { OCTI_SCO_EXTENSION_ID, generateStandardId } from '@lib/stix';
import { hashAlgorithmOf } from './offline-enrichment.util';
import type { StixObject } from './offline-enrichment.util';

/** One entry of a feed, as read from its line or row. */
export type IocEntry = {
  /** The line it was read from (1-based), for reports. */
  line: number;
  value: string;
  /** The type column's value, when the feed has one. */
  type?: string;
  score?: number;
  description?: string;
  labels: string[];
};

/** An entry the feed cannot turn into an observable, and why (reported, never fatal). */
export type SkippedEntry = { line: number; reason: string };

export type ObservableType = Exclude<IocFeedType, 'auto'>;

const STIX_TYPES: Readonly<Record<ObservableType, string>> = {
  'IPv4-Addr': 'ipv4-addr',
  'IPv6-Addr': 'ipv6-addr',
  'Domain-Name': 'domain-name',
  Hostname: 'hostname',
  Url: 'url',
  'Email-Addr': 'email-addr',
  StixFile: 'file',
};

/** The entries of a feed's text, and the rows left out with their line numbers. */
export function readEntries(
  text: string,
  feed: IocFeedSettings,
): { entries: IocEntry[]; skipped: SkippedEntry[] } {
  return feed.format === 'csv' ? csvEntries(text, feed) : textEntries(text, feed);
}

function textEntries(text: string, feed: IocFeedSettings) {
  const entries: IocEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(feed.comment)) return;
    // The first word: lists often follow an entry with a note or a count.
    entries.push({ line: index + 1, value: line.split(/\s+/)[0] ?? line, labels: [] });
  });
  return { entries, skipped: [] as SkippedEntry[] };
}

function csvEntries(text: string, feed: IocFeedSettings) {
  const skipped: SkippedEntry[] = [];
  const rows = parseCsv(text, {
    delimiter: feed.delimiter,
    comment: feed.comment,
    comment_no_infix: true,
    columns: feed.header ? (names: string[]) => names.map((n) => n.trim()) : false,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (error: { message: string; lines?: number } | undefined) => {
      skipped.push({ line: error?.lines ?? 0, reason: error?.message ?? 'unreadable row' });
    },
  }) as unknown as { record: Record<string, string> | string[]; info: { lines: number } }[];
  const entries: IocEntry[] = [];
  for (const { record, info } of rows) {
    const cell = (column: string | number | undefined): string | undefined => {
      if (column === undefined) return undefined;
      const value = Array.isArray(record) ? record[Number(column)] : record[String(column)];
      return value === undefined || value === '' ? undefined : value;
    };
    const value = cell(feed.columns.value);
    if (!value) {
      skipped.push({ line: info.lines, reason: `no value in column ${feed.columns.value}` });
      continue;
    }
    const score = cell(feed.columns.score);
    const type = cell(feed.columns.type);
    const description = cell(feed.columns.description);
    entries.push({
      line: info.lines,
      value,
      ...(type ? { type } : {}),
      ...(score !== undefined && Number.isFinite(Number(score)) ? { score: Number(score) } : {}),
      ...(description ? { description } : {}),
      labels: (cell(feed.columns.labels) ?? '')
        .split(/[,;|]/)
        .map((l) => l.trim())
        .filter(Boolean),
    });
  }
  return { entries, skipped };
}

/** A URL's host when it is an address or a domain under a public suffix. */
function urlHost(value: string): string | undefined {
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return undefined;
  }
  const parsed = parseDomain(host);
  return parsed.isIp || (parsed.domain && parsed.isIcann) ? host : undefined;
}

const isDigest = (value: string) => hashAlgorithmOf(value) !== undefined;

/**
 * The observable type of a value, recognised by its form, and the value as the observable holds
 * it (`1.2.3.4:443` is the address 1.2.3.4); undefined when none fits.
 */
export function detectType(raw: string): { type: ObservableType; value: string } | undefined {
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(raw);
  const value = withPort?.[1] ?? raw;
  const [address, prefix] = value.split('/');
  if (address && (prefix === undefined || /^\d{1,3}$/.test(prefix))) {
    if (ipaddr.IPv4.isValidFourPartDecimal(address)) return { type: 'IPv4-Addr', value };
    if (address.includes(':') && ipaddr.IPv6.isValid(address)) return { type: 'IPv6-Addr', value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return urlHost(value) ? { type: 'Url', value } : undefined;
  }
  if (/^[^@\s/]+@[^@\s/]+\.[^@\s/]+$/.test(value)) return { type: 'Email-Addr', value };
  if (isDigest(value)) return { type: 'StixFile', value };
  const host = parseDomain(value.split(/[/:]/)[0] ?? '');
  if (!host.domain || host.isIp || !host.isIcann) return undefined;
  // A host name followed by a path or port: a URL written without its scheme (maltrail's lists).
  return { type: /[/:]/.test(value) ? 'Url' : 'Domain-Name', value: value };
}

/**
 * The type an entry becomes: its type column's value mapped by `typeMap` (unmapped: recognised),
 * else the feed's type, else recognised by its form; or why it has none.
 */
export function entryType(
  entry: IocEntry,
  feed: IocFeedSettings,
): { type: ObservableType; value: string } | { reason: string } {
  const wanted = entry.type !== undefined ? (feed.typeMap[entry.type] ?? 'auto') : feed.type;
  if (wanted === 'auto') {
    return detectType(entry.value) ?? { reason: 'not an IP, domain, URL, e-mail address or hash' };
  }
  if (wanted === 'StixFile' && !isDigest(entry.value)) {
    return { reason: 'not an MD5, SHA-1, SHA-256 or SHA-512 digest' };
  }
  return { type: wanted, value: entry.value };
}

/** The entry's 0-100 score: its score column scaled, or the feed's default. */
export function entryScore(entry: IocEntry, feed: IocFeedSettings): number {
  if (entry.score === undefined) return feed.defaultScore;
  return Math.max(0, Math.min(100, Math.round(entry.score * feed.scoreScale)));
}

const quoted = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The STIX observable of a typed value (hashes by the algorithm of their length), under the
 * platform's standard id, with `extra` properties.
 */
export function observableObject(
  type: ObservableType,
  value: string,
  extra: Record<string, unknown> = {},
): StixObject {
  const hashes = type === 'StixFile' ? { [hashAlgorithmOf(value) ?? 'SHA-256']: value } : undefined;
  const data = hashes ? { hashes } : { value };
  return {
    type: STIX_TYPES[type],
    id: generateStandardId(type, data),
    spec_version: '2.1',
    ...data,
    ...extra,
  };
}

/** What every object of a feed's run shares: author, markings, target, times. */
export type FeedContext = {
  feed: IocFeedSettings;
  now: Date;
  authorId?: string;
  markingIds: string[];
  targetId?: string;
};

/** The observable of an entry, its indicator and their relationships, in STIX 2.1. */
export function entryObjects(
  entry: IocEntry,
  { type, value: raw }: { type: ObservableType; value: string },
  context: FeedContext,
): StixObject[] {
  const { feed } = context;
  const value = type === 'Domain-Name' || type === 'Hostname' ? raw.toLowerCase() : raw;
  const score = entryScore(entry, feed);
  const labels = [...new Set([...feed.labels, ...entry.labels])];
  const common = {
    spec_version: '2.1',
    ...(context.markingIds.length > 0 ? { object_marking_refs: context.markingIds } : {}),
  };
  const observable = observableObject(type, value, {
    ...common,
    extensions: {
      [OCTI_SCO_EXTENSION_ID]: {
        extension_type: 'property-extension',
        score,
        ...(labels.length > 0 ? { labels } : {}),
        ...(entry.description ? { description: entry.description } : {}),
        ...(context.authorId ? { created_by_ref: context.authorId } : {}),
      },
    },
  });
  const hashes = observable.hashes as Record<string, string> | undefined;
  const objects: StixObject[] = [observable];
  const relate = (relationshipType: string, source: string, target: string) => {
    const data = { relationship_type: relationshipType, source_ref: source, target_ref: target };
    objects.push({
      type: 'relationship',
      id: generateStandardId(relationshipType, data),
      ...common,
      ...data,
      ...(context.authorId ? { created_by_ref: context.authorId } : {}),
      ...(feed.confidence !== undefined ? { confidence: feed.confidence } : {}),
    });
  };
  if (!feed.indicators) {
    if (context.targetId) relate('related-to', observable.id, context.targetId);
    return objects;
  }
  const path = hashes
    ? `file:hashes.${quoted(Object.keys(hashes)[0] ?? 'SHA-256')}`
    : `${STIX_TYPES[type]}:value`;
  const pattern = `[${path} = ${quoted(value)}]`;
  const indicator: StixObject = {
    type: 'indicator',
    id: generateStandardId('Indicator', { pattern, pattern_type: 'stix' }),
    ...common,
    name: value,
    pattern,
    pattern_type: 'stix',
    valid_from: context.now.toISOString(),
    ...(feed.validDays
      ? { valid_until: new Date(context.now.getTime() + feed.validDays * 86_400_000).toISOString() }
      : {}),
    ...(entry.description ? { description: entry.description } : {}),
    ...(labels.length > 0 ? { labels } : {}),
    ...(context.authorId ? { created_by_ref: context.authorId } : {}),
    ...(feed.confidence !== undefined ? { confidence: feed.confidence } : {}),
    x_opencti_score: score,
    x_opencti_main_observable_type: type,
  };
  objects.push(indicator);
  relate('based-on', indicator.id, observable.id);
  if (context.targetId) relate('indicates', indicator.id, context.targetId);
  return objects;
}
