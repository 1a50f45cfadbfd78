import { v5 as uuidv5 } from 'uuid';
import {
  OASIS_NAMESPACE,
  canonicalJson,
  generateStandardId,
  hasDeterministicId,
  isObservableType,
  normalizeObservable,
} from '@lib/stix';
import { icsAttackCases } from './attack-cases.util';
import type { CompatCase, PyctiExpectation, PyctiLine } from './compat-case.types';
import { DOMAIN_CASES } from './domain-cases.constants';
import { OBSERVABLE_CASES } from './observable-cases.constants';
import { runPycti } from './pycti-runner.util';
import { RELATIONSHIP_CASES } from './relationship-cases.constants';

const VENVS: readonly [PyctiLine, string][] = [
  ['6.9', 'pycti-6.9.10'],
  ['7', 'pycti-7.261026.0'],
];

const HANDWRITTEN = [...DOMAIN_CASES, ...RELATIONSHIP_CASES, ...OBSERVABLE_CASES];
const ICS = icsAttackCases();
const CASES = [...HANDWRITTEN, ...ICS];

// Threatloom's id as the platform computes it: observables after the API-level normalisation;
// undefined for types without a contribution (the object keeps its own id).
function ourId(testCase: CompatCase): string | undefined {
  const { entityType, data } = testCase;
  if (!hasDeterministicId(entityType)) {
    return undefined;
  }
  const input = isObservableType(entityType) ? normalizeObservable(entityType, data) : data;
  return generateStandardId(entityType, input);
}

function expectationFor(testCase: CompatCase, line: PyctiLine): PyctiExpectation {
  const declared = testCase.expect;
  if (declared === undefined) {
    return { kind: 'same' };
  }
  return 'kind' in declared ? declared : (declared[line] ?? { kind: 'same' });
}

describe('standard ids compared with pycti', () => {
  it('covers at least 150 hand-written cases and every named SDO of ICS ATT&CK', () => {
    expect(HANDWRITTEN.length).toBeGreaterThanOrEqual(150);
    expect(ICS.length).toBeGreaterThanOrEqual(450);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  describe.each(VENVS)('pycti %s (%s)', (line, venv) => {
    let pyctiIds: Record<string, string | null> = {};

    beforeAll(() => {
      pyctiIds = runPycti(venv, CASES);
    });

    it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
      const ours = ourId(testCase);
      const theirs = pyctiIds[testCase.name];
      const expectation = expectationFor(testCase, line);
      switch (expectation.kind) {
        case 'same':
          expect(ours).toBeDefined();
          expect(theirs).toBe(ours);
          break;
        case 'none':
          expect(theirs).toBeNull();
          break;
        case 'differs': {
          const pyctiRule = `${expectation.prefix}--${uuidv5(canonicalJson(expectation.pyctiHashes), OASIS_NAMESPACE)}`;
          expect(theirs).toBe(pyctiRule);
          expect(ours).toBeDefined();
          expect(ours).not.toBe(theirs);
          break;
        }
      }
    });
  });
});
