import type { StoredElement } from '../../element.types';
import type { WriteBatch } from '../../write-batch.types';
import { VersionConflictError } from '../../errors/entity-store.error';
import { fromElementDocument, toElementDocument } from './opensearch-element.document';
import type { ElementDocument } from './opensearch-element.document';

// Pure planning of a commit's _bulk request and of its undo: the adapter only does the I/O.

export type CurrentDocument = {
  index: string;
  seqNo: number;
  primaryTerm: number;
  doc: ElementDocument;
};

/** One bulk item, with what undoing it takes. */
export type PlannedOp =
  | { kind: 'create'; internalId: string; expectedVersion: number }
  | {
      kind: 'update' | 'delete';
      internalId: string;
      expectedVersion: number;
      previous: CurrentDocument;
    };

export type CommitPlan = { lines: unknown[]; ops: PlannedOp[] };

export type PlanContext = {
  /** Write alias of the element's family, for creations. */
  writeIndex(element: StoredElement): string;
  nextSeq(): number;
};

/**
 * Checks every expected version against the stored documents (throws VersionConflictError naming
 * every element that changed, before anything is written) and builds the bulk lines: creations
 * with op_type=create, updates and deletions guarded by the read sequence number and primary term,
 * in the index holding the document.
 */
export function planCommit(
  batch: WriteBatch,
  current: ReadonlyMap<string, CurrentDocument>,
  context: PlanContext,
): CommitPlan {
  const stale = [
    ...batch.upserts.map((u) => ({ ...u, internalId: u.element.internalId })),
    ...batch.deletes,
  ]
    .filter(
      ({ internalId, expectedVersion }) =>
        (current.get(internalId)?.doc.version ?? 0) !== expectedVersion,
    )
    .map(({ internalId, expectedVersion }) => ({ internalId, expectedVersion }));
  const [first, ...others] = stale;
  if (first) {
    throw new VersionConflictError(first.internalId, first.expectedVersion, others);
  }
  const lines: unknown[] = [];
  const ops: PlannedOp[] = [];
  for (const { element, expectedVersion, indexed } of batch.upserts) {
    const stored = current.get(element.internalId);
    if (stored === undefined) {
      lines.push(
        { create: { _index: context.writeIndex(element), _id: element.internalId } },
        toElementDocument(element, context.nextSeq(), indexed),
      );
      ops.push({ kind: 'create', internalId: element.internalId, expectedVersion });
    } else {
      lines.push(
        { index: guarded(stored, element.internalId) },
        toElementDocument(element, stored.doc.seq, indexed),
      );
      ops.push({
        kind: 'update',
        internalId: element.internalId,
        expectedVersion,
        previous: stored,
      });
    }
  }
  for (const { internalId, expectedVersion } of batch.deletes) {
    const stored = current.get(internalId);
    if (stored !== undefined) {
      lines.push({ delete: guarded(stored, internalId) });
      ops.push({ kind: 'delete', internalId, expectedVersion, previous: stored });
    }
  }
  return { lines, ops };
}

function guarded(stored: CurrentDocument, id: string): Record<string, unknown> {
  return {
    _index: stored.index,
    _id: id,
    if_seq_no: stored.seqNo,
    if_primary_term: stored.primaryTerm,
  };
}

type BulkItem = Record<string, { status: number; _index: string }>;

/**
 * The bulk lines undoing the items that were applied (creations deleted, updated and deleted
 * documents written back), and the first item refused for a conflict, if any.
 */
export function rollbackLines(
  ops: readonly PlannedOp[],
  items: readonly BulkItem[],
): { lines: unknown[]; conflict: PlannedOp | undefined } {
  const lines: unknown[] = [];
  let conflict: PlannedOp | undefined;
  ops.forEach((op, i) => {
    const item = Object.values(items[i] ?? {})[0];
    const applied = item !== undefined && item.status >= 200 && item.status < 300;
    if (!applied) {
      conflict ??= item?.status === 409 ? op : undefined;
      return;
    }
    if (op.kind === 'create') {
      lines.push({ delete: { _index: item._index, _id: op.internalId } });
    } else {
      const restored = toElementDocument(fromElementDocument(op.previous.doc), op.previous.doc.seq);
      lines.push({ index: { _index: op.previous.index, _id: op.internalId } }, restored);
    }
  });
  return { lines, conflict };
}
