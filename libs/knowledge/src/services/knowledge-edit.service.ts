import { AppError } from '@lib/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, targetLookup } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { maxConfidenceFor, systemContext } from '@lib/rbac';
import {
  isObservableType,
  isTypeOf,
  normalizeObservable,
  parseStixObject,
  refDefinitionsFor,
  toStix,
} from '@lib/stix';
import type { RefDefinition } from '@lib/stix';
import { forbiddenElement, invalidInput } from '../errors/knowledge.error';
import type { EditInput, EditOperation, RefRelationInput } from '../knowledge.types';
import { commitWithRetry } from '../internal/commit-retry.util';
import { inputFieldOf } from '../internal/create-input.util';
import { isEditableAttribute } from '../internal/editable-attributes.constants';
import { originOf, updateEvent } from '../internal/element-events.util';
import {
  assertMarkingsAllowed,
  loadVisible,
  requireCapability,
  requireMemberRight,
  resolveRefs,
} from '../internal/element-loader';
import { addMarkings, editAttribute, editRefs, editStixIds } from '../internal/field-patch.util';
import { withRecomputedIds } from '../internal/recompute-ids.util';
import { requireEditRight, requireSomeEditRight } from '../internal/participation.util';

const SYSTEM = systemContext('knowledge-edit');

type Change =
  | { kind: 'attribute'; key: string; operation: EditOperation; values: readonly unknown[] }
  | {
      kind: 'ref';
      field: string;
      definition: RefDefinition;
      operation: EditOperation;
      ids: string[];
    };

/**
 * Edits of existing elements (`fieldPatch`, `relationAdd`, `relationDelete`): optimistic versions
 * (re-read and re-applied on conflict), standard id recomputed, one update event with its patch.
 */
@Injectable()
export class KnowledgeEditService {
  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  /**
   * `fieldPatch(input: [EditInput])`: attributes by OpenCTI name, `x_opencti_stix_ids`, and refs by
   * input name (`createdBy`, `objectMarking`, `objectLabel`, `externalReferences`,
   * `killChainPhases`, `objects`…). An unknown key is a validation error naming it.
   */
  async fieldPatch(
    ctx: AccessContext,
    id: string,
    edits: readonly EditInput[],
  ): Promise<StoredElement> {
    return this.apply(ctx, id, (element) =>
      edits.map((edit): Change => {
        const operation = edit.operation ?? 'replace';
        const definition = refDefinitionsFor(element.entityType).find(
          (d) => d.inputName === edit.key,
        );
        if (definition) {
          const ids = edit.value.filter((v): v is string => typeof v === 'string' && v !== '');
          return { kind: 'ref', field: edit.key, definition, operation, ids };
        }
        if (
          edit.key !== 'x_opencti_stix_ids' &&
          !isEditableAttribute(element.entityType, edit.key)
        ) {
          throw invalidInput(edit.key, `is not an editable attribute of ${element.entityType}`);
        }
        return { kind: 'attribute', key: edit.key, operation, values: edit.value };
      }),
    );
  }

  /** `relationAdd(input: {toId, relationship_type})`: adds a ref (createdBy is replaced). */
  async relationAdd(
    ctx: AccessContext,
    id: string,
    input: RefRelationInput,
  ): Promise<StoredElement> {
    return this.apply(ctx, id, (element) => [this.refChange(element, input, 'add')]);
  }

  /** `relationsAdd(input: {toIds, relationship_type})`: several refs of one type at once. */
  async relationsAdd(
    ctx: AccessContext,
    id: string,
    input: { toIds: readonly string[]; relationship_type: string },
  ): Promise<StoredElement> {
    return this.apply(ctx, id, (element) =>
      input.toIds.map((toId) =>
        this.refChange(element, { toId, relationship_type: input.relationship_type }, 'add'),
      ),
    );
  }

  /**
   * `restrictionOrganizationAdd/Delete` (§4.3): shares the element with organizations, or stops
   * sharing it; `cascade` does the same for what a container contains (those the caller sees).
   */
  async organizationSharing(
    ctx: AccessContext,
    id: string,
    organizationIds: readonly string[],
    share: boolean,
    cascade: boolean,
  ): Promise<StoredElement> {
    // KNORGARESTRICT is checked by `apply`, as for any change of granted refs.
    const change = (elementId: string) =>
      this.apply(ctx, elementId, (element) =>
        organizationIds.map((toId) =>
          this.refChange(element, { toId, relationship_type: 'granted' }, share ? 'add' : 'remove'),
        ),
      );
    const updated = await change(id);
    if (cascade) {
      for (const contained of updated.refs.object ?? []) {
        await change(contained).catch((error: unknown) => {
          // What the caller cannot see or change stays as it is.
          if (!(error instanceof AppError) || error.category !== 'forbidden') throw error;
        });
      }
    }
    return updated;
  }

  /** `relationDelete(toId, relationship_type)`. */
  async relationDelete(
    ctx: AccessContext,
    id: string,
    toId: string,
    relationshipType: string,
  ): Promise<StoredElement> {
    return this.apply(ctx, id, (element) => [
      this.refChange(element, { toId, relationship_type: relationshipType }, 'remove'),
    ]);
  }

  private refChange(
    element: StoredElement,
    input: RefRelationInput,
    operation: EditOperation,
  ): Change {
    const definition = refDefinitionsFor(element.entityType).find(
      (d) => d.relationshipType === input.relationship_type,
    );
    if (!definition) {
      throw invalidInput(
        'relationship_type',
        `${input.relationship_type} is not a reference of ${element.entityType}`,
      );
    }
    return { kind: 'ref', field: 'toId', definition, operation, ids: [input.toId] };
  }

  private async apply(
    ctx: AccessContext,
    id: string,
    changesOf: (element: StoredElement) => Change[],
  ): Promise<StoredElement> {
    requireSomeEditRight(ctx);
    return commitWithRetry(this.store, async () => {
      const before = await loadVisible(this.store, ctx, id);
      requireEditRight(ctx, before);
      const changes = changesOf(before);
      const sharing = changes.some((c) => c.kind === 'attribute' && c.key === 'restricted_members');
      if (changes.some((c) => c.kind === 'ref' && c.definition.relationshipType === 'granted')) {
        requireCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNORGARESTRICT');
      }
      if (sharing) requireCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNMANAGEAUTHMEMBERS');
      requireMemberRight(ctx, before, sharing ? 'admin' : 'edit');
      const confidence = before.attributes.confidence;
      const cap = maxConfidenceFor(ctx, before.entityType);
      if (!ctx.bypass && typeof confidence === 'number' && confidence > cap) {
        throw forbiddenElement(id, `of confidence ${confidence}, above your maximum ${cap}`);
      }
      const { element: edited, targets } = await this.applyChanges(ctx, before, changes);
      if (!changed(before, edited)) {
        return { batch: { upserts: [], deletes: [], events: [] }, result: before };
      }
      const now = new Date().toISOString();
      const after = await withRecomputedIds(this.store, before, {
        ...withModified(before, edited, now),
        updatedAt: now,
        version: before.version + 1,
      });
      const lookup = await targetLookup(this.store, [before, after], targets);
      validate(after, lookup);
      return {
        batch: {
          upserts: [{ element: after, expectedVersion: before.version }],
          deletes: [],
          events: [updateEvent(before, after, lookup, originOf(ctx))],
        },
        result: after,
      };
    });
  }

  private async applyChanges(ctx: AccessContext, before: StoredElement, changes: Change[]) {
    let element: StoredElement = { ...before };
    const targets: StoredElement[] = [];
    for (const change of changes) {
      if (change.kind === 'attribute') {
        element =
          change.key === 'x_opencti_stix_ids'
            ? { ...element, stixIds: editStixIds(element.stixIds, change.operation, change.values) }
            : {
                ...element,
                attributes: editAttribute(
                  element.attributes,
                  change.key,
                  change.operation,
                  change.values,
                ),
              };
        continue;
      }
      const found = await resolveRefs(this.store, ctx, change.field, change.ids);
      checkTargets(change.field, change.definition, found);
      targets.push(...found);
      element = await this.withRefChange(ctx, element, change, found);
    }
    if (isObservableType(element.entityType)) {
      element = {
        ...element,
        attributes: normalizeObservable(element.entityType, element.attributes),
      };
    }
    return { element, targets };
  }

  private async withRefChange(
    ctx: AccessContext,
    element: StoredElement,
    change: Extract<Change, { kind: 'ref' }>,
    found: readonly StoredElement[],
  ): Promise<StoredElement> {
    const rel = change.definition.relationshipType;
    let ids = found.map((t) => t.internalId);
    let operation = change.operation;
    if (rel === 'object-marking' && operation !== 'remove') {
      assertMarkingsAllowed(ctx, change.field, found);
      if (operation === 'add') {
        const current = await this.store.getMany(SYSTEM, element.refs[rel] ?? []);
        ids = addMarkings([...current.values()], found);
        operation = 'replace';
      }
    }
    return {
      ...element,
      refs: editRefs(element.refs, rel, operation, ids, !change.definition.multiple),
    };
  }
}

function checkTargets(
  field: string,
  definition: RefDefinition,
  targets: readonly StoredElement[],
): void {
  for (const target of targets) {
    if (!definition.targetTypes.some((t) => isTypeOf(target.entityType, t))) {
      throw invalidInput(
        field,
        `${target.standardId} is a ${target.entityType}, expected ${definition.targetTypes.join(' or ')}`,
      );
    }
  }
}

// A STIX object's `modified` follows its edits unless the edit sets it (observables have none).
function withModified(before: StoredElement, edited: StoredElement, now: string): StoredElement {
  if (
    isObservableType(edited.entityType) ||
    edited.attributes.modified !== before.attributes.modified
  ) {
    return edited;
  }
  return { ...edited, attributes: { ...edited.attributes, modified: now } };
}

function changed(before: StoredElement, after: StoredElement): boolean {
  return (
    JSON.stringify([before.attributes, before.refs, before.stixIds]) !==
    JSON.stringify([after.attributes, after.refs, after.stixIds])
  );
}

// The edited element must still be valid STIX: the same rules as on import, except that a
// container may be emptied (OpenCTI keeps reports without objects).
function validate(element: StoredElement, lookup: Parameters<typeof toStix>[1]): void {
  const parsed = parseStixObject(toStix(element, lookup));
  if (parsed.ok) {
    return;
  }
  const issue = parsed.issues.find(
    (i) => !(i.path === 'object_refs' && i.message === 'is required'),
  );
  if (issue) {
    throw invalidInput(inputFieldOf(element.entityType, issue.path), issue.message);
  }
}
