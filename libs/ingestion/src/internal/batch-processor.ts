import { textOf } from '@lib/kernel';
import type { StoredElement } from '@lib/entity-store';
import { accessRule, elementAllowed, maxConfidenceFor } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import {
  isCustomType,
  isOrganizationRestrictedType,
  isStixCoreRelationshipType,
  relationshipPairStatus,
} from '@lib/stix';
import type { BatchState } from './batch-state';
import type { ClaimRegistry } from './claims';
import { batchWaves, dependenciesOf } from './order-by-refs';
import type { DraftIds } from './draft-ids';
import { prepareDraft } from './draft-preparation';
import type { Prepared } from './draft-preparation';
import { exactKeys, matchCandidates } from './match-candidates';
import type { ElementDraft, EmbeddedDraft } from './draft.types';
import { incomingElement, withCreationDefaults } from './incoming-element';
import { reduceMarkings, upsertInto } from './upsert';
import type { MarkingLookup } from './upsert';

export type DraftOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; element: StoredElement }
  | { kind: 'rejected'; reason: string; field?: string; missingReference?: boolean }
  | { kind: 'deferred'; missing: string[] };

export type BatchOptions = {
  ctx: AccessContext;
  claims: ClaimRegistry;
  /** Last chance: optional refs still missing are kept unresolved instead of deferring the object. */
  final: boolean;
  dedupDays: number;
  now: string;
  /** Incoming states replace the stored ones (platform-to-platform sync). */
  synchronized?: boolean;
};

/**
 * The keys of what a draft may merge into or needs whole, as given: its own ids and its markings
 * (whose definitions decide which of them it keeps). What else it refers to is read as heads.
 */
const wholeKeys = (draft: ElementDraft): string[] => [
  ...exactKeys(draft),
  ...(draft.refs['object-marking'] ?? []),
];

/**
 * The write path for one batch (DESIGN.md §3): batched look-ups wave by wave, de-duplication and
 * upsert in memory, outcomes per draft. The caller commits `state.changed` with the events.
 */
export class BatchProcessor {
  readonly outcomes = new Map<ElementDraft, DraftOutcome>();
  embeddedCreated = 0;
  private readonly creatorId: string | undefined;

  constructor(
    private readonly state: BatchState,
    private readonly options: BatchOptions,
  ) {
    this.creatorId = options.ctx.kind === 'user' ? options.ctx.userId : undefined;
  }

  readonly markings: MarkingLookup = (internalId) => {
    const marking = this.state.current.get(internalId);
    if (marking?.entityType !== 'Marking-Definition') {
      return undefined;
    }
    const order = marking.attributes.x_opencti_order;
    return {
      definitionType: textOf(marking.attributes.definition_type) ?? '',
      order: typeof order === 'number' ? order : 0,
    };
  };

  async run(drafts: readonly ElementDraft[]): Promise<void> {
    const embedded = new Map<string, EmbeddedDraft>();
    drafts.forEach((d) => d.embedded.forEach((e) => embedded.set(e.standardId, e)));
    // What every wave refers to and is known by as given comes in the same round-trip: each wave
    // then reads only the ids derived from its resolved references.
    await this.state.lookup(
      [...embedded.keys(), ...drafts.flatMap(wholeKeys)],
      [],
      drafts.flatMap(dependenciesOf),
    );
    for (const meta of embedded.values()) {
      this.writeEmbedded(meta);
    }
    for (const wave of batchWaves(drafts)) {
      await this.runWave(wave);
    }
  }

  private async runWave(wave: ElementDraft[]): Promise<void> {
    const prepared: Prepared[] = [];
    for (const draft of wave) {
      const preparation = prepareDraft(this.state, draft, this.options.final);
      if (preparation.kind === 'prepared') {
        prepared.push(preparation.prepared);
      } else {
        this.outcomes.set(draft, preparation);
      }
    }
    const derived = prepared.flatMap(({ ids }) => [
      ids.standardId,
      ...ids.aliasIds,
      ...ids.hashIds,
      ...ids.lookupKeys,
    ]);
    const probes = prepared
      .filter((p) => p.from && p.to)
      .map((p) => ({
        entityType: p.draft.entityType,
        fromId: (p.from as StoredElement).internalId,
        toId: (p.to as StoredElement).internalId,
      }));
    await this.state.lookup(derived, probes);
    const markingIds = new Set<string>();
    for (const p of prepared) {
      this.candidatesOf(p).forEach((e) =>
        e.refs['object-marking']?.forEach((id) => markingIds.add(id)),
      );
    }
    await this.state.ensure(markingIds);
    for (const p of prepared) {
      this.write(p);
    }
  }

  private write(p: Prepared): void {
    const { draft } = p;
    const { ids } = p;
    const candidates = this.candidatesOf(p);
    const exactIds = new Set(exactKeys(draft));
    const target =
      candidates.find((e) => exactIds.has(e.standardId)) ??
      candidates.find((e) => e.standardId === ids.standardId) ??
      candidates[0];
    const refs = { ...p.refs };
    if (Object.keys(p.unresolved).length > 0) {
      draft.attributes.i_unresolved_refs = p.unresolved;
      draft.warnings.push(
        `unresolved references kept as given: ${Object.values(p.unresolved).flat().join(', ')}`,
      );
      if (p.unresolved['object-marking']) {
        // A marking we cannot resolve still restricts: only users who see every marking see it.
        refs['object-marking'] = [
          ...(refs['object-marking'] ?? []),
          ...p.unresolved['object-marking'],
        ];
      }
    }
    if (refs['object-marking']) {
      refs['object-marking'] = reduceMarkings(refs['object-marking'], this.markings);
    }
    if (p.from && p.to && draft.entityType !== 'stix-sighting-relationship') {
      const status = isStixCoreRelationshipType(draft.entityType)
        ? relationshipPairStatus(draft.entityType, p.from.entityType, p.to.entityType)
        : 'outside';
      if (status === 'outside') {
        draft.attributes.i_outside_model = true;
        draft.warnings.push(
          `${p.from.entityType} ${draft.entityType} ${p.to.entityType} is outside the relationship model; stored and flagged`,
        );
      }
    }
    if (target && !elementAllowed(accessRule(this.options.ctx), target)) {
      const reason = 'a restricted element with the same identity already exists';
      this.outcomes.set(draft, { kind: 'rejected', reason });
      return;
    }
    const confidence = Math.min(
      maxConfidenceFor(this.options.ctx, draft.entityType),
      clampConfidence(draft.attributes.confidence),
    );
    const standardTaken =
      !target && this.state.designated(ids.standardId)?.standardId === ids.standardId.toLowerCase();
    const incoming = incomingElement({
      draft,
      ids: standardTaken ? { ...ids, standardId: draft.stixId } : ids,
      internalId: target?.internalId ?? this.freeHint(draft),
      refs,
      from: p.from,
      to: p.to,
      confidence,
      creatorId: this.creatorId,
      now: this.options.now,
    });
    if (!target) {
      const created = grantedToCreator(withCreationDefaults(incoming), this.options.ctx);
      this.state.write(created, true);
      this.options.claims.claim(created.internalId, draft.author, draft.stixId);
      this.outcomes.set(draft, { kind: 'created', element: created });
      return;
    }
    const merged = upsertInto(target, {
      incoming,
      confidence,
      singleRefs: draft.singleRefs,
      markings: this.markings,
      now: this.options.now,
      synchronized: this.options.synchronized === true,
    });
    this.options.claims.claim(target.internalId, draft.author, draft.stixId);
    if (merged === target) {
      this.outcomes.set(draft, {
        kind: this.state.created.has(target.internalId) ? 'created' : 'unchanged',
        element: target,
      });
      return;
    }
    this.state.write(merged, false);
    this.outcomes.set(draft, {
      kind: this.state.created.has(target.internalId) ? 'created' : 'updated',
      element: merged,
    });
  }

  private candidatesOf(p: Prepared): StoredElement[] {
    return matchCandidates(this.state, this.options.claims, this.options.dedupDays, p);
  }

  private freeHint(draft: ElementDraft): string | undefined {
    const hint = draft.internalIdHint;
    return hint && this.state.designated(hint) === undefined ? hint : undefined;
  }

  private writeEmbedded(meta: EmbeddedDraft): void {
    const existing = this.state
      .candidates([meta.standardId])
      .find((e) => e.entityType === meta.entityType);
    const draft: ElementDraft = {
      index: -1,
      stixId: meta.standardId,
      stixType: meta.entityType.toLowerCase(),
      entityType: meta.entityType,
      baseType: 'ENTITY',
      attributes: { ...meta.attributes },
      refs: {},
      singleRefs: new Set(),
      embedded: [],
      extraStixIds: [],
      warnings: [],
    };
    const ids: DraftIds = {
      standardId: meta.standardId,
      aliasIds: [],
      hashIds: [],
      lookupKeys: [],
    };
    const incoming = incomingElement({
      draft,
      ids,
      internalId: existing?.internalId,
      refs: {},
      confidence: 100,
      creatorId: this.creatorId,
      now: this.options.now,
    });
    if (!existing) {
      this.state.write(withCreationDefaults(incoming), true);
      this.embeddedCreated += 1;
      return;
    }
    const merged = upsertInto(existing, {
      incoming,
      confidence: 100,
      singleRefs: new Set(),
      markings: this.markings,
      now: this.options.now,
    });
    if (merged !== existing) {
      this.state.write(merged, false);
    }
  }
}

function clampConfidence(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.min(100, Math.round(value)))
    : 100;
}

/**
 * data-model.md §4.3: what a user outside the platform organization creates is granted to his
 * organizations, or he could not see it himself.
 */
function grantedToCreator(element: StoredElement, ctx: AccessContext): StoredElement {
  if (ctx.bypass || ctx.organizations === 'all') return element;
  if (!isOrganizationRestrictedType(element.entityType, isCustomType(element.entityType))) {
    return element;
  }
  // The context holds internal and STIX ids of the organizations; refs are internal ids.
  const mine = [...ctx.organizations].filter((id) => !id.includes('--'));
  const granted = [...new Set([...(element.refs.granted ?? []), ...mine])];
  return { ...element, refs: { ...element.refs, granted } };
}
