import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { IngestionService } from '@lib/ingestion';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { isTypeOf, observableInputKey, refDefinitionsFor, stixTypeOf } from '@lib/stix';
import { forbiddenElement, invalidInput } from '../errors/knowledge.error';
import type {
  EntityCreateInput,
  ObservableCreateInput,
  RelationshipCreateInput,
  SightingCreateInput,
} from '../knowledge.types';
import { creatableType, observableType, relationshipType } from '../internal/creatable-type.util';
import { inputFieldOf, inputToStix, splitInput } from '../internal/create-input.util';
import type { RefInput } from '../internal/create-input.util';
import { elementIds } from '../internal/element-ids.util';
import {
  assertMarkingsAllowed,
  pickElement,
  resolveRefs,
  systemKnowledgeContext,
} from '../internal/element-loader';
import { observableAttributes } from '../internal/observable-input.util';
import { observablePattern } from '../internal/observable-pattern.util';
import { requireCreateRight } from '../internal/participation.util';

type Ends = { from?: StoredElement; to?: StoredElement };

const IDENTITY_CLASSES: Readonly<Record<string, string>> = {
  Individual: 'individual',
  Organization: 'organization',
  Sector: 'class',
  System: 'system',
  SecurityPlatform: 'securityplatform',
};

/**
 * Creation with upsert semantics (data-model.md §3.8): an input becomes one STIX object written
 * through the ingestion pipeline as a one-object work, so de-duplication, confidence and events
 * are the pipeline's. The same input twice returns the same element, unchanged.
 */
@Injectable()
export class KnowledgeCreateService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(IngestionService) private readonly ingestion: IngestionService,
  ) {}

  /**
   * `<type>Add`: `entityType` is a concrete type, or an abstract one with `input.type`
   * (`Identity`, `Location`, `Stix-Domain-Object`); `Stix-Cyber-Observable`,
   * `stix-core-relationship` and `stix-sighting-relationship` dispatch to the methods below.
   */
  async create(
    ctx: AccessContext,
    entityType: string,
    input: EntityCreateInput,
  ): Promise<StoredElement> {
    switch (entityType) {
      case 'Stix-Cyber-Observable':
        return this.createObservable(ctx, input as ObservableCreateInput);
      case 'stix-core-relationship':
        return this.createRelationship(ctx, input as RelationshipCreateInput);
      case 'stix-sighting-relationship':
        return this.createSighting(ctx, input as SightingCreateInput);
      default:
        return this.write(ctx, creatableType(entityType, input.type), input, {});
    }
  }

  /** `stixCyberObservableAdd(type, <InputKey>: {...}, …)`. */
  async createObservable(ctx: AccessContext, input: ObservableCreateInput): Promise<StoredElement> {
    const type = observableType(input.type);
    const key = observableInputKey(type) ?? type;
    const { [key]: sub, ...rest } = input;
    const attributes = observableAttributes(key, sub);
    const observable = await this.write(ctx, type, { ...rest, ...attributes }, {});
    if (input.createIndicator === true) {
      await this.indicatorFor(ctx, observable, input);
    }
    return observable;
  }

  // `createIndicator`: an Indicator with the observable's pattern, `based-on` the observable.
  private async indicatorFor(
    ctx: AccessContext,
    observable: StoredElement,
    input: ObservableCreateInput,
  ): Promise<void> {
    const pattern = observablePattern(observable.entityType, observable.attributes);
    if (!pattern) {
      throw invalidInput(
        'createIndicator',
        `no pattern can be derived from a ${observable.entityType}`,
      );
    }
    const name = observable.attributes.value ?? observable.attributes.name ?? pattern;
    const indicator = await this.write(
      ctx,
      'Indicator',
      {
        name,
        pattern_type: 'stix',
        pattern,
        x_opencti_main_observable_type: observable.entityType,
        x_opencti_score: input.x_opencti_score,
        createdBy: input.createdBy,
        objectMarking: input.objectMarking,
        objectLabel: input.objectLabel,
      },
      {},
    );
    await this.write(
      ctx,
      'based-on',
      { createdBy: input.createdBy, objectMarking: input.objectMarking },
      {
        from: indicator,
        to: observable,
      },
    );
  }

  /** `stixCoreRelationshipAdd(input)`. */
  async createRelationship(
    ctx: AccessContext,
    input: RelationshipCreateInput,
  ): Promise<StoredElement> {
    const type = relationshipType(input.relationship_type);
    return this.write(ctx, type, input, await this.ends(ctx, input));
  }

  /** `stixSightingRelationshipAdd(input)`. */
  async createSighting(ctx: AccessContext, input: SightingCreateInput): Promise<StoredElement> {
    return this.write(ctx, 'stix-sighting-relationship', input, await this.ends(ctx, input));
  }

  private async ends(ctx: AccessContext, input: { fromId?: unknown; toId?: unknown }) {
    const end = async (field: 'fromId' | 'toId') => {
      const id = input[field];
      if (typeof id !== 'string' || id.length === 0) {
        throw invalidInput(field, 'is required');
      }
      return (await resolveRefs(this.store, ctx, field, [id]))[0];
    };
    return { from: await end('fromId'), to: await end('toId') };
  }

  private async write(
    ctx: AccessContext,
    entityType: string,
    input: Readonly<Record<string, unknown>>,
    ends: Ends,
  ): Promise<StoredElement> {
    requireCreateRight(ctx, entityType);
    const split = splitInput(entityType, input);
    const identityClass = IDENTITY_CLASSES[entityType];
    if (identityClass && split.attributes.identity_class === undefined) {
      // The class is implied by the type (`organizationAdd`) and is part of the standard id.
      split.attributes.identity_class = identityClass;
    }
    const refs = await this.resolveInputRefs(ctx, split.refs);
    await this.applyDefaultMarkings(ctx, entityType, input, refs);
    // A STIX id of another spelling of the type (`x-mitre-data-component--…` for a Data-Component)
    // is kept as an extra id; the object gets the same uuid under its own type.
    const stixType = stixTypeOf(entityType);
    const foreign =
      split.stixId && !split.stixId.startsWith(`${stixType}--`) ? split.stixId : undefined;
    const stixId = foreign
      ? `${stixType}--${foreign.slice(foreign.indexOf('--') + 2)}`
      : (split.stixId ?? this.standardId(entityType, split.attributes, refs, ends));
    const stix = inputToStix({
      entityType,
      stixId,
      extraStixIds: foreign ? [...split.extraStixIds, foreign] : split.extraStixIds,
      attributes: split.attributes,
      refs,
      ...ends,
    });
    await this.assertNotRestricted(ctx, stixId);
    const run = await this.ingestion.openRun({
      ctx,
      connectorId: 'knowledge-api',
      workName: `${entityType} creation`,
      update: split.update,
      origin: { user_id: ctx.userId },
      // One object per call: a recorded work each time would bury the connector's real works.
      work: 'none',
    });
    await run.addObjects([stix]);
    const report = await run.finish();
    const rejection = report.rejections[0];
    if (rejection) {
      const prefix = `${rejection.field ?? ''}: `;
      const reason = rejection.reason.startsWith(prefix)
        ? rejection.reason.slice(prefix.length)
        : rejection.reason;
      throw invalidInput(inputFieldOf(entityType, rejection.field), reason);
    }
    const element = pickElement(
      stixId,
      (await this.store.resolve(ctx, [stixId])).get(stixId) ?? [],
    );
    if (!element) {
      throw forbiddenElement(stixId, 'restricted: it already exists with markings you cannot see');
    }
    return element;
  }

  // data-model.md §3.8: an existing element the caller cannot see is not upserted into.
  private async assertNotRestricted(ctx: AccessContext, stixId: string): Promise<void> {
    if (ctx.bypass) {
      return;
    }
    const existing = (await this.store.resolve(systemKnowledgeContext(), [stixId])).get(stixId);
    const visible = (await this.store.resolve(ctx, [stixId])).get(stixId);
    if ((existing?.length ?? 0) > 0 && (visible?.length ?? 0) === 0) {
      throw forbiddenElement(stixId, 'restricted: it already exists with markings you cannot see');
    }
  }

  /**
   * §4.2: content created without markings gets the default markings of the creator's groups for
   * its type (or for every type, `GLOBAL`). Saying `objectMarking: []` keeps it unmarked.
   */
  private async applyDefaultMarkings(
    ctx: AccessContext,
    entityType: string,
    input: Readonly<Record<string, unknown>>,
    refs: Map<string, StoredElement[]>,
  ): Promise<void> {
    if (input.objectMarking !== undefined || refs.has('object-marking')) return;
    const defaults = ctx.defaultMarkings?.[entityType] ?? ctx.defaultMarkings?.GLOBAL ?? [];
    const marked = refDefinitionsFor(entityType).some(
      (d) => d.relationshipType === 'object-marking',
    );
    if (defaults.length === 0 || !marked) return;
    const markings = await resolveRefs(this.store, ctx, 'objectMarking', defaults);
    refs.set('object-marking', markings);
  }

  private async resolveInputRefs(
    ctx: AccessContext,
    inputs: readonly RefInput[],
  ): Promise<Map<string, StoredElement[]>> {
    const refs = new Map<string, StoredElement[]>();
    for (const { definition, field, ids } of inputs) {
      const targets = await resolveRefs(this.store, ctx, field, ids);
      for (const target of targets) {
        if (!definition.targetTypes.some((t) => isTypeOf(target.entityType, t))) {
          throw invalidInput(
            field,
            `${target.standardId} is a ${target.entityType}, expected ${definition.targetTypes.join(' or ')}`,
          );
        }
      }
      if (definition.relationshipType === 'object-marking') {
        assertMarkingsAllowed(ctx, field, targets);
      }
      refs.set(definition.relationshipType, targets);
    }
    return refs;
  }

  private standardId(
    entityType: string,
    attributes: Readonly<Record<string, unknown>>,
    refs: ReadonlyMap<string, readonly StoredElement[]>,
    ends: Ends,
  ): string {
    const refIds = Object.fromEntries(
      [...refs].map(([rel, targets]) => [rel, targets.map((t) => t.standardId)]),
    );
    try {
      const ids = elementIds(entityType, attributes, {
        from: ends.from?.standardId,
        to: ends.to?.standardId,
        refs: refIds,
      });
      return ids.standardId ?? `${stixTypeOf(entityType)}--${randomUUID()}`;
    } catch (error) {
      if (error instanceof AppError && error.category === 'validation') {
        throw invalidInput('input', error.message, error);
      }
      throw error;
    }
  }
}
