import { buildElement } from '../../testing/element.factory';
import { VersionConflictError } from '../../errors/entity-store.error';
import { planCommit, rollbackLines } from './opensearch-commit.plan';
import type { CurrentDocument } from './opensearch-commit.plan';
import { toElementDocument } from './opensearch-element.document';

const context = { writeIndex: () => 'p-el-domain-objects', nextSeq: () => 42 };

function stored(version: number): { id: string; current: Map<string, CurrentDocument> } {
  const element = buildElement({ version });
  const doc = toElementDocument(element, 7);
  return {
    id: element.internalId,
    current: new Map([
      [element.internalId, { index: 'p-el-domain-objects-000001', seqNo: 3, primaryTerm: 1, doc }],
    ]),
  };
}

describe(planCommit.name, () => {
  it('creates with op_type=create and updates/deletes guarded by seq_no and primary term', () => {
    const created = buildElement();
    const { id, current } = stored(1);
    const plan = planCommit(
      {
        upserts: [
          { element: created, expectedVersion: 0 },
          { element: buildElement({ internalId: id, version: 2 }), expectedVersion: 1 },
        ],
        deletes: [],
        events: [],
      },
      current,
      context,
    );
    expect(plan.lines[0]).toEqual({
      create: { _index: 'p-el-domain-objects', _id: created.internalId },
    });
    expect(plan.lines[2]).toEqual({
      index: { _index: 'p-el-domain-objects-000001', _id: id, if_seq_no: 3, if_primary_term: 1 },
    });
    // An update keeps the element's insertion order.
    expect((plan.lines[3] as { seq: number }).seq).toBe(7);
    expect(plan.ops.map((op) => op.kind)).toEqual(['create', 'update']);
  });

  it('throws a version conflict before writing anything', () => {
    const { id, current } = stored(3);
    expect(() =>
      planCommit(
        { upserts: [], deletes: [{ internalId: id, expectedVersion: 2 }], events: [] },
        current,
        context,
      ),
    ).toThrow(VersionConflictError);
    expect(() =>
      planCommit(
        {
          upserts: [{ element: buildElement({ internalId: id }), expectedVersion: 0 }],
          deletes: [],
          events: [],
        },
        current,
        context,
      ),
    ).toThrow(VersionConflictError);
  });

  it('names every element found changed, so that a writer can set them all apart', () => {
    const a = stored(3);
    const b = stored(5);
    const fresh = stored(1);
    const current = new Map([...a.current, ...b.current, ...fresh.current]);
    let thrown: unknown;
    try {
      planCommit(
        {
          upserts: [
            { element: buildElement({ internalId: a.id, version: 3 }), expectedVersion: 2 },
            { element: buildElement({ internalId: fresh.id, version: 2 }), expectedVersion: 1 },
          ],
          deletes: [{ internalId: b.id, expectedVersion: 4 }],
          events: [],
        },
        current,
        context,
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VersionConflictError);
    expect((thrown as VersionConflictError).elements).toEqual([a.id, b.id]);
    expect((thrown as VersionConflictError).message).toContain('and 1 more');
  });
});

describe(rollbackLines.name, () => {
  it('undoes the applied items and reports the conflicting one', () => {
    const created = buildElement();
    const { id, current } = stored(1);
    const plan = planCommit(
      {
        upserts: [
          { element: created, expectedVersion: 0 },
          { element: buildElement({ internalId: id, version: 2 }), expectedVersion: 1 },
        ],
        deletes: [],
        events: [],
      },
      current,
      context,
    );
    const { lines, conflict } = rollbackLines(plan.ops, [
      { create: { status: 201, _index: 'p-el-domain-objects-000001' } },
      { index: { status: 409, _index: 'p-el-domain-objects-000001' } },
    ]);
    expect(lines).toEqual([
      { delete: { _index: 'p-el-domain-objects-000001', _id: created.internalId } },
    ]);
    expect(conflict?.internalId).toBe(id);
  });
});
