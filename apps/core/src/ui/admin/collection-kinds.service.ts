import { Inject, Injectable } from '@nestjs/common';
import { FeedCollectionsService, TaxiiCollectionsService } from '@lib/sharing';
import type { Feed, FeedFormat, TaxiiCollection } from '@lib/sharing';
import type { AccessContext } from '@lib/rbac';
import { StreamCollectionsService } from '@lib/streams';
import type { CollectionBase, StreamCollection } from '@lib/streams';
import { checked, field } from './admin-form.util';
import type { FormBody } from './admin-form.util';

export type CollectionKind = 'streams' | 'taxii' | 'feeds';
export const COLLECTION_KINDS: readonly CollectionKind[] = ['streams', 'taxii', 'feeds'];

/** A collection's fields as the form shows them (text and checkbox values by field name). */
export type CollectionValues = Record<string, string | boolean>;

/** The flags each kind has, with their labels. */
export const KIND_FLAGS: Readonly<Record<CollectionKind, readonly [string, string][]>> = {
  streams: [
    ['stream_live', 'Started (served to clients)'],
    ['stream_public', 'Public (readable without an account)'],
  ],
  taxii: [
    ['taxii_public', 'Public (readable without an account)'],
    ['taxii_write', 'Clients may add objects'],
    ['taxii_delete', 'Clients may delete objects'],
    ['score_to_confidence', 'Indicator score becomes confidence'],
  ],
  feeds: [
    ['feed_public', 'Public (readable without an account)'],
    ['include_header', 'CSV header line'],
  ],
};

export const KIND_LABELS: Readonly<Record<CollectionKind, { many: string; one: string }>> = {
  streams: { many: 'Live streams', one: 'live stream' },
  taxii: { many: 'TAXII collections', one: 'TAXII collection' },
  feeds: { many: 'CSV feeds', one: 'feed' },
};

type Patch = { key: string; value: unknown[] };

function common(c: CollectionBase): CollectionValues {
  return { name: c.name, description: c.description, filters: c.filters };
}

/** The form's values of a stored collection. */
export function valuesOf(kind: CollectionKind, c: CollectionBase): CollectionValues {
  if (kind === 'streams') {
    const s = c as unknown as StreamCollection;
    return { ...common(s), stream_live: s.live, stream_public: s.public };
  }
  if (kind === 'taxii') {
    const t = c as unknown as TaxiiCollection;
    return {
      ...common(t),
      taxii_public: t.public,
      taxii_write: t.allowWrite,
      taxii_delete: t.allowDelete,
      score_to_confidence: t.scoreToConfidence,
    };
  }
  const f = c as unknown as Feed;
  return {
    ...common(f),
    feed_public: f.public,
    include_header: f.includeHeader,
    format: f.format,
    separator: f.separator,
    rolling_time: String(f.rollingTime),
    feed_types: f.types.join(', '),
    feed_attributes: f.attributes.map((a) => a.attribute).join('\n'),
  };
}

/** The form's values as posted (kept on a refusal). */
export function postedValues(kind: CollectionKind, body: FormBody): CollectionValues {
  const values: CollectionValues = {
    name: field(body, 'name'),
    description: field(body, 'description'),
    filters: field(body, 'filters'),
  };
  for (const [key] of KIND_FLAGS[kind]) values[key] = checked(body, key);
  if (kind === 'feeds') {
    for (const key of ['format', 'separator', 'rolling_time', 'feed_types', 'feed_attributes']) {
      values[key] = field(body, key, key !== 'separator');
    }
  }
  return values;
}

/** The fields of a form post, as service input (create) and as fieldPatch edits. */
function patchesOf(kind: CollectionKind, v: CollectionValues): Patch[] {
  const text = (key: string) => String(v[key] ?? '');
  const patches: Patch[] = [
    { key: 'name', value: [text('name')] },
    { key: 'description', value: [text('description')] },
    { key: 'filters', value: [text('filters')] },
    ...KIND_FLAGS[kind].map(([key]) => ({ key, value: [v[key] === true] })),
  ];
  if (kind !== 'feeds') return patches;
  const types = text('feed_types')
    .split(/[\s,]+/)
    .filter((t) => t !== '');
  const columns = text('feed_attributes')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return [
    ...patches,
    { key: 'format', value: [text('format') || 'csv'] },
    { key: 'separator', value: [text('separator') || ','] },
    { key: 'rolling_time', value: [text('rolling_time') || '0'] },
    { key: 'feed_types', value: types },
    {
      key: 'feed_attributes',
      value: columns.map((attribute) => ({
        attribute,
        mappings: types.map((type) => ({ type, attribute })),
      })),
    },
  ];
}

const inputOf = (patches: readonly Patch[]): Record<string, unknown> =>
  Object.fromEntries(
    patches.map((p) =>
      ['feed_types', 'feed_attributes'].includes(p.key) ? [p.key, p.value] : [p.key, p.value[0]],
    ),
  );

/** Live streams, TAXII collections and feeds behind one interface, through their services. */
@Injectable()
export class CollectionKinds {
  constructor(
    @Inject(StreamCollectionsService) private readonly streams: StreamCollectionsService,
    @Inject(TaxiiCollectionsService) private readonly taxii: TaxiiCollectionsService,
    @Inject(FeedCollectionsService) private readonly feeds: FeedCollectionsService,
  ) {}

  private service(kind: CollectionKind) {
    return kind === 'streams' ? this.streams : kind === 'taxii' ? this.taxii : this.feeds;
  }

  async list(kind: CollectionKind): Promise<CollectionBase[]> {
    return this.service(kind).list(null);
  }

  async find(kind: CollectionKind, id: string): Promise<CollectionBase | undefined> {
    return this.service(kind).find(id);
  }

  /** Creates one from a form post; the input as the audit log keeps it. */
  async add(ctx: AccessContext, kind: CollectionKind, v: CollectionValues) {
    const input = inputOf(patchesOf(kind, v));
    const name = typeof input.name === 'string' ? input.name : '';
    const created =
      kind === 'streams'
        ? await this.streams.add(ctx, { ...input, name })
        : kind === 'taxii'
          ? await this.taxii.add(ctx, { ...input, name })
          : await this.feeds.add(ctx, {
              ...input,
              name,
              format: input.format as FeedFormat,
              rolling_time: Number(input.rolling_time),
              feed_types: input.feed_types as string[],
              feed_attributes: input.feed_attributes as Feed['attributes'],
            });
    return { created: created as CollectionBase, input };
  }

  async edit(kind: CollectionKind, id: string, v: CollectionValues) {
    const patches = patchesOf(kind, v);
    await this.service(kind).edit(id, patches);
    return patches;
  }

  delete(kind: CollectionKind, id: string): Promise<string> {
    return this.service(kind).delete(id);
  }
}
