import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import canonicalize from 'canonicalize';
import { v5 } from 'uuid';
import { SCO_NAMESPACE, TLP_AMBER, TLP_GREEN, TLP_RED, TLP_WHITE } from './corpus.constants';
import { scoId } from './stix-id.util';
import type { CorpusBundle, CorpusOptions, CorpusStats } from './synthetic-corpus';
import { forEachBundle, forEachBundleAsync, generateCorpus } from './synthetic-corpus';

type StixObject = Record<string, unknown>;

const VALIDATOR = resolve(__dirname, '../../.cache/venvs/pycti-6.9.10/bin/stix2_validator');
const TLP = new Set([TLP_WHITE, TLP_GREEN, TLP_AMBER, TLP_RED]);
const OBSERVABLE_TYPES = ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'file'];
const SDO_TYPES = [
  'malware',
  'intrusion-set',
  'threat-actor',
  'campaign',
  'attack-pattern',
  'tool',
  'vulnerability',
  'identity',
  'location',
];
// data-model.md §2.2 pairs the corpus may use (STIX types; identity/location stand for
// Organization/Sector and Country).
const ALLOWED_PAIRS = new Set([
  'indicator based-on ipv4-addr',
  'indicator based-on ipv6-addr',
  'indicator based-on domain-name',
  'indicator based-on url',
  'indicator based-on email-addr',
  'indicator based-on file',
  ...['malware', 'intrusion-set', 'campaign', 'threat-actor', 'tool', 'attack-pattern'].map(
    (target) => `indicator indicates ${target}`,
  ),
  ...['malware', 'tool', 'attack-pattern'].map((target) => `intrusion-set uses ${target}`),
  ...['identity', 'location', 'vulnerability'].map((target) => `intrusion-set targets ${target}`),
  'intrusion-set attributed-to threat-actor',
  'intrusion-set originates-from location',
  'malware uses attack-pattern',
  'malware uses tool',
  'malware targets identity',
  'malware targets location',
  'malware exploits vulnerability',
  ...['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'].map((t) => `malware communicates-with ${t}`),
  'campaign attributed-to intrusion-set',
  'campaign attributed-to threat-actor',
  'campaign uses malware',
  'campaign uses attack-pattern',
  'campaign targets identity',
  'campaign targets location',
  'threat-actor uses malware',
  'threat-actor uses attack-pattern',
  'threat-actor targets identity',
  'threat-actor located-at location',
  'identity located-at location',
  'tool targets vulnerability',
  'attack-pattern targets vulnerability',
]);

function collect(options: CorpusOptions): { bundles: CorpusBundle[]; stats: CorpusStats } {
  const corpus = generateCorpus(options);
  const bundles: CorpusBundle[] = [];
  let step = corpus.next();
  while (step.done !== true) {
    bundles.push(step.value);
    step = corpus.next();
  }
  return { bundles, stats: step.value };
}

function refsOf(object: StixObject): string[] {
  const refs: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key.endsWith('_ref') && typeof value === 'string') {
      refs.push(value);
    } else if (key.endsWith('_refs') && Array.isArray(value)) {
      refs.push(...(value as string[]));
    }
  }
  for (const extension of Object.values((object.extensions ?? {}) as Record<string, StixObject>)) {
    refs.push(...refsOf(extension));
  }
  return refs.filter((ref) => !TLP.has(ref));
}

function share(stats: CorpusStats, types: string[]): number {
  return types.reduce((sum, type) => sum + (stats.byType[type] ?? 0), 0) / stats.objects;
}

describe(generateCorpus.name, () => {
  const sut = generateCorpus;
  let big: { bundles: CorpusBundle[]; stats: CorpusStats };
  let all: StixObject[];

  beforeAll(() => {
    big = collect({ objects: 50_000, seed: 42, bundleSize: 5000 });
    all = big.bundles.flatMap((bundle) => bundle.objects);
  });

  it.each([0, 1, 4, 5, 6, 999, 12_345])('generates exactly %i objects', (objects) => {
    const { bundles, stats } = collect({ objects, seed: 3, bundleSize: 1000 });

    const sizes = bundles.map((bundle) => bundle.objects.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(objects);
    expect(sizes.slice(0, -1).every((size) => size === 1000)).toBe(true);
    expect(stats.objects).toBe(objects);
    expect(Object.values(stats.byType).reduce((a, b) => a + b, 0)).toBe(objects);
  });

  it('is deterministic: same seed, same first bundle; another seed, another bundle', () => {
    const first = (seed: number): string =>
      JSON.stringify(sut({ objects: 6000, seed }).next().value);

    expect(first(11)).toBe(first(11));
    expect(first(11)).not.toBe(first(12));
  });

  it('feeds the same bundles and statistics through forEachBundle and forEachBundleAsync', async () => {
    const options = { objects: 7000, seed: 5, bundleSize: 2000 };
    const expected = collect(options);
    const ids: string[] = [];
    const asyncIds: string[] = [];

    const stats = forEachBundle(options, (bundle) => ids.push(bundle.id));
    const asyncStats = await forEachBundleAsync(options, (bundle) => {
      asyncIds.push(bundle.id);
      return Promise.resolve();
    });

    expect(stats).toEqual(expected.stats);
    expect(asyncStats).toEqual(expected.stats);
    expect(ids).toEqual(expected.bundles.map((bundle) => bundle.id));
    expect(asyncIds).toEqual(ids);
  });

  it('rejects invalid options', () => {
    expect(() => sut({ objects: -1 }).next()).toThrow(RangeError);
    expect(() => sut({ objects: 10, bundleSize: 0 }).next()).toThrow(RangeError);
  });

  it('keeps the target proportions of each kind of object', () => {
    const { stats } = big;

    expect(share(stats, OBSERVABLE_TYPES)).toBeGreaterThan(0.31);
    expect(share(stats, OBSERVABLE_TYPES)).toBeLessThan(0.39);
    expect(share(stats, ['indicator'])).toBeGreaterThan(0.12);
    expect(share(stats, ['indicator'])).toBeLessThan(0.18);
    expect(share(stats, SDO_TYPES)).toBeGreaterThan(0.06);
    expect(share(stats, SDO_TYPES)).toBeLessThan(0.1);
    expect(share(stats, ['relationship'])).toBeGreaterThan(0.36);
    expect(share(stats, ['relationship'])).toBeLessThan(0.44);
    expect(share(stats, ['report'])).toBeGreaterThan(0.01);
    expect(share(stats, ['report'])).toBeLessThan(0.03);
    for (const type of [...OBSERVABLE_TYPES, ...SDO_TYPES]) {
      expect(stats.byType[type] ?? 0).toBeGreaterThan(0);
    }
  });

  it('defines the author identities first and points every ref to an earlier or same-bundle object', () => {
    const authors = all.slice(0, 5);
    const seen = new Set<string>();
    const dangling: string[] = [];
    for (const bundle of big.bundles) {
      bundle.objects.forEach((object) => seen.add(object.id as string));
      for (const object of bundle.objects) {
        dangling.push(...refsOf(object).filter((ref) => !seen.has(ref)));
      }
    }

    expect(authors.map((author) => author.type)).toEqual(Array(5).fill('identity'));
    expect(dangling).toEqual([]);
    expect(all.every((o) => o.type === 'identity' || refsOf(o).length > 0)).toBe(true);
  });

  it('uses only relationship pairs allowed by the data model', () => {
    const typeOf = new Map(all.map((object) => [object.id as string, object.type as string]));
    const pairs = new Set(
      all
        .filter((object) => object.type === 'relationship')
        .map(
          (r) =>
            `${typeOf.get(r.source_ref as string)} ${r.relationship_type as string} ${typeOf.get(r.target_ref as string)}`,
        ),
    );

    expect([...pairs].filter((pair) => !ALLOWED_PAIRS.has(pair))).toEqual([]);
    expect(pairs.has('indicator based-on ipv4-addr')).toBe(true);
    expect(pairs.has('indicator indicates malware')).toBe(true);
  });

  it('contains the three kinds of deliberate duplicates, about 5 % of the objects', () => {
    const byId = new Map<string, string[]>();
    for (const object of all) {
      byId.set(object.id as string, [
        ...(byId.get(object.id as string) ?? []),
        JSON.stringify(object),
      ]);
    }
    const repeated = [...byId.values()].filter((versions) => versions.length > 1);
    const exact = repeated.filter((versions) => new Set(versions).size < versions.length);
    const updated = repeated.filter((versions) => new Set(versions).size > 1);
    const { duplicates, duplicatesByKind } = big.stats;

    expect(duplicates / big.stats.objects).toBeGreaterThan(0.035);
    expect(duplicates / big.stats.objects).toBeLessThan(0.065);
    expect(duplicates).toBe(
      duplicatesByKind.exact + duplicatesByKind.republished + duplicatesByKind.updated,
    );
    expect(Math.min(...Object.values(duplicatesByKind))).toBeGreaterThan(0);
    expect(exact.length).toBeGreaterThan(0);
    expect(updated.length).toBeGreaterThan(0);
  });

  it('has no accidental collisions: names, patterns and pairs repeat only as re-publications', () => {
    const idsByKey = new Map<string, Set<string>>();
    const add = (key: string, id: string): void => {
      idsByKey.set(key, (idsByKey.get(key) ?? new Set<string>()).add(id));
    };
    for (const object of all) {
      const id = object.id as string;
      if (object.type === 'indicator') {
        add(`pattern ${object.pattern as string}`, id);
      } else if (object.type === 'relationship') {
        add(
          `${object.relationship_type as string} ${object.source_ref as string} ${object.target_ref as string}`,
          id,
        );
      } else if (typeof object.name === 'string' && object.type !== 'file') {
        // File names legitimately repeat (invoice.doc); files are identified by their hashes.
        add(`${object.type as string} ${object.name.toLowerCase()}`, id);
      }
    }
    const extraIds = [...idsByKey.values()].reduce((sum, ids) => sum + ids.size - 1, 0);

    expect(extraIds).toBeLessThanOrEqual(big.stats.duplicatesByKind.republished);
    expect(extraIds).toBeGreaterThan(0);
  });

  it('gives observables their STIX 2.1 deterministic ids', () => {
    const observables = all
      .filter((o) => OBSERVABLE_TYPES.includes(o.type as string))
      .slice(0, 500);
    // The uuid package's v5 is the oracle for the generator's own (faster) UUIDv5.
    const oracle = (type: string, contributing: StixObject): string =>
      `${type}--${v5(canonicalize(contributing) ?? '', SCO_NAMESPACE)}`;
    const recomputed = observables.map((o) => {
      if (o.type !== 'file') {
        return oracle(o.type as string, { value: o.value });
      }
      const hashes = o.hashes as Record<string, string>;
      const one = hashes.MD5 !== undefined ? { MD5: hashes.MD5 } : { 'SHA-256': hashes['SHA-256'] };
      return oracle('file', o.name === undefined ? { hashes: one } : { hashes: one, name: o.name });
    });

    // Reference values of data-model.md §3.7.
    expect(scoId('ipv4-addr', { value: '1.2.3.4' })).toBe(
      'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4',
    );
    expect(scoId('file', { hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } })).toBe(
      'file--02fff920-f614-527c-81d1-6353633a6d21',
    );
    expect(recomputed).toEqual(observables.map((o) => o.id));
  });

  it('passes the OASIS stix2-validator on a 2,000-object bundle', () => {
    if (!existsSync(VALIDATOR)) {
      throw new Error(
        `stix2-validator not found at ${VALIDATOR}: run scripts/services to create the pycti venv`,
      );
    }
    const { bundles } = collect({ objects: 6000, seed: 7, bundleSize: 2000 });
    const sample = bundles[1] as CorpusBundle;
    const dir = mkdtempSync(join(tmpdir(), 'corpus-validate-'));
    const file = join(dir, 'sample.json');
    writeFileSync(file, JSON.stringify(sample));
    try {
      const result = spawnSync(VALIDATOR, [file], { encoding: 'utf8', timeout: 240_000 });
      const output = `${result.stdout}${result.stderr}`;
      const warnings = output.split('\n').filter((line) => line.includes('Warning:'));
      // Accepted: based-on → observable (allowed by OpenCTI, not suggested by STIX) and
      // external references with a URL but no hash (as in ATT&CK and most real feeds).
      const unexpected = warnings.filter(
        (line) =>
          !(line.includes('{202}') && line.includes("'based-on'")) && !line.includes('{302}'),
      );

      expect(sample.objects).toHaveLength(2000);
      expect(result.status).toBe(0);
      expect(output).toContain('STIX JSON: Valid');
      expect(unexpected).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
