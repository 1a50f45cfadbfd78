import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseStixObject } from './parse-stix-object.util';
import { readBundle } from './read-bundle.util';
import { sharedData } from '@lib/testing';

// Real public STIX corpora (see its README.md), read in place.
const DATA_DIR = sharedData();

const STIX21_SOURCES = [
  'mitre-attack',
  'mitre-capec',
  'mitre-atlas',
  'disarm',
  'attack-flow',
  'opencti-datasets',
  'oasis-cti-documentation-examples',
  'oasis-stix21-json-schemas/examples',
];
const UNIT42_DIR = 'unit42-playbooks-stix20';

const loadJson = (path: string): unknown => {
  const bytes = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as unknown;
};

const listJsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        return listJsonFiles(path);
      }
      // The Attack Flow JSON schema describes STIX objects but is not one.
      return /\.json(\.gz)?$/.test(name) && !name.includes('-schema-') ? [path] : [];
    });

const toNumber = (cell: string): number => Number(cell.replace(/,/g, ''));

// Reads every README table that has an "Objects" column: file path (first cell) → object count.
const readmeObjectCounts = (): Map<string, number> => {
  const counts = new Map<string, number>();
  let objectsColumn = -1;
  let prefix = '';
  for (const line of readFileSync(join(DATA_DIR, 'README.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (!line.startsWith('|')) {
      objectsColumn = -1;
    } else if (cells.includes('Objects')) {
      objectsColumn = cells.indexOf('Objects');
      prefix = /File \(in `([^`]+)`\)/.exec(line)?.[1] ?? '';
    } else if (objectsColumn > 0) {
      const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
      const count = toNumber(cells[objectsColumn] ?? '');
      if (file !== undefined && Number.isInteger(count)) {
        counts.set(join(prefix, file), count);
      }
    }
  }
  return counts;
};

type Outcome = {
  parsed: number;
  upgraded: number;
  byType: Record<string, number>;
  failures: unknown[];
};

const parseFile = (path: string): Outcome => {
  const bundle = readBundle(loadJson(path));
  const outcome: Outcome = { parsed: 0, upgraded: 0, byType: {}, failures: [] };
  for (const raw of bundle.objects) {
    const result = parseStixObject(raw, { specVersion: bundle.specVersion });
    if (!result.ok) {
      outcome.failures.push({ id: result.id, issues: result.issues });
      continue;
    }
    outcome.parsed += 1;
    outcome.upgraded += result.upgradedFrom === '2.0' ? 1 : 0;
    outcome.byType[result.object.type] = (outcome.byType[result.object.type] ?? 0) + 1;
  }
  return outcome;
};

describe('parseStixObject on the real corpora', () => {
  const counts = readmeObjectCounts();
  const files = STIX21_SOURCES.flatMap((source) => listJsonFiles(join(DATA_DIR, source)));

  it.each(files.map((path) => [relative(DATA_DIR, path), path]))(
    'parses every object of %s',
    (name, path) => {
      const outcome = parseFile(path);

      expect(outcome.failures).toEqual([]);
      expect(outcome.upgraded).toBe(0);
      if (counts.has(name)) {
        expect(outcome.parsed).toBe(counts.get(name));
      }
    },
  );

  it('parses custom types (ATT&CK x-mitre-*, Attack Flow) as they are', () => {
    const outcome = parseFile(join(DATA_DIR, 'mitre-attack/enterprise-attack-18.1.json.gz'));

    expect(outcome.byType['x-mitre-analytic']).toBe(1739);
    expect(outcome.byType['x-mitre-detection-strategy']).toBe(691);
    expect(parseFile(join(DATA_DIR, 'attack-flow/attack-flow-example.json')).byType).toMatchObject({
      'attack-action': 5,
      'attack-condition': 4,
    });
  });

  it('upgrades and parses every object of the Unit 42 STIX 2.0 playbooks', () => {
    const files = listJsonFiles(join(DATA_DIR, UNIT42_DIR));
    const perFile = files.map((path) => {
      const name = relative(DATA_DIR, path);
      const outcome = parseFile(path);
      return {
        name,
        failures: outcome.failures,
        upgraded: outcome.upgraded,
        expected: counts.get(name),
      };
    });

    expect(perFile).toHaveLength(85);
    expect(perFile.filter((file) => file.failures.length > 0)).toEqual([]);
    expect(perFile.filter((file) => file.upgraded !== file.expected)).toEqual([]);
    expect(perFile.reduce((sum, file) => sum + file.upgraded, 0)).toBe(51_920);
  });
});
