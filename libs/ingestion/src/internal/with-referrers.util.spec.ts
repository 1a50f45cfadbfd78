import { buildElement } from '@lib/entity-store';
import { withReferrers } from './with-referrers.util';

describe('withReferrers', () => {
  const indicator = buildElement({ internalId: 'indicator' });
  const based = buildElement({ internalId: 'based-on', fromId: 'indicator', toId: 'observable' });
  const report = buildElement({ internalId: 'report', refs: { object: ['based-on'] } });
  const label = buildElement({ internalId: 'label' });
  const changed = [indicator, based, report, label];

  it('takes along, transitively, what the batch creates referring to a lost creation', () => {
    const gone = withReferrers(
      changed,
      new Set(['indicator']),
      new Set(changed.map((e) => e.internalId)),
    );
    expect([...gone].sort()).toEqual(['based-on', 'indicator', 'report']);
  });

  it('stops at updated referrers, whose own id stays valid', () => {
    const created = new Set(['indicator', 'label']);
    expect([...withReferrers(changed, new Set(['indicator']), created)].sort()).toEqual([
      'based-on',
      'indicator',
    ]);
  });

  it('takes nothing along for a lost update', () => {
    expect([...withReferrers(changed, new Set(['indicator']), new Set())]).toEqual(['indicator']);
  });
});
