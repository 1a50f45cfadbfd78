import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHARED_DATA,
  assertBuilt,
  cliEnv,
  elementsPerId,
  readBundleObjects,
  runCli,
} from '../support/cli.util';
import type { BundleObject } from '../support/cli.util';

// The acceptance: each corpus imported into a fresh store keeps every object (per STIX type,
// as many stored elements as distinct ids in the bundles), custom types and revoked/deprecated
// objects included, and a second import finds everything unchanged.

type Report = {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: unknown[];
};

const files = (dir: string) =>
  readdirSync(join(SHARED_DATA, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(SHARED_DATA, dir, f));

const CORPORA: [string, string[]][] = [
  ['ATT&CK Enterprise 18.1', [join(SHARED_DATA, 'mitre-attack', 'enterprise-attack-18.1.json.gz')]],
  ['ATT&CK Mobile 18.1', [join(SHARED_DATA, 'mitre-attack', 'mobile-attack-18.1.json')]],
  ['ATT&CK ICS 18.1', [join(SHARED_DATA, 'mitre-attack', 'ics-attack-18.1.json')]],
  ['CAPEC 3.9', [join(SHARED_DATA, 'mitre-capec', 'capec-3.9.json')]],
  ['ATLAS 5.6.0', [join(SHARED_DATA, 'mitre-atlas', 'stix-atlas-5.6.0.json')]],
  // The case studies name ATLAS techniques by their deterministic standard ids, so the same
  // technique is one element across files (and merges into the matrix's when both are loaded).
  ['ATLAS case studies', files(join('mitre-atlas', 'case-studies'))],
  ['OASIS documentation examples', files('oasis-cti-documentation-examples')],
];

function distinctIdsByType(objects: BundleObject[]): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  for (const o of objects) {
    byType.set(o.type, (byType.get(o.type) ?? new Set()).add(o.id));
  }
  return byType;
}

describe('Corpora from ../shared/data, each into a fresh store', () => {
  beforeAll(() => assertBuilt());

  it.each(CORPORA)(
    '%s: every object stored once, counts by type equal, unchanged the second time',
    async (_name, paths) => {
      const dir = mkdtempSync(join(tmpdir(), 'tl-corpus-'));
      try {
        const env = cliEnv(join(dir, 'data'));
        const first = runCli(['import', '--json', ...paths], env);
        const report = JSON.parse(first.stdout) as Report;
        expect(report.rejections).toEqual([]);
        expect(first.status).toBe(0);
        const objects = paths.flatMap(readBundleObjects);
        expect(report.processed).toBe(objects.length);
        const perId = await elementsPerId(
          join(dir, 'data'),
          objects.map((o) => o.id),
        );
        expect([...perId.entries()].filter(([, found]) => found.length !== 1)).toEqual([]);
        for (const [type, ids] of distinctIdsByType(objects)) {
          const elements = new Set([...ids].map((id) => perId.get(id)?.[0]));
          expect({ type, stored: elements.size }).toEqual({ type, stored: ids.size });
        }
        const second = JSON.parse(runCli(['import', '--json', ...paths], env).stdout) as Report;
        expect({
          created: second.created,
          updated: second.updated,
          rejected: second.rejected,
          unchanged: second.unchanged,
        }).toEqual({
          created: 0,
          updated: 0,
          rejected: 0,
          unchanged: objects.length,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
