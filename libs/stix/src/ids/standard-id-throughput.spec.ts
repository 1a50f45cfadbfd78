import { performance } from 'node:perf_hooks';
import { generateStandardId } from './generate-standard-id.util';

type Case = readonly [string, Readonly<Record<string, unknown>>];

// A typical ingestion mix: about half relationships, then indicators (with pattern re-formatting),
// observables and named SDOs.
function buildMix(size: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; cases.length < size; i += 1) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    cases.push(
      ['Intrusion-Set', { name: `Group ${i}`, aliases: [`G${i}`] }],
      ['IPv4-Addr', { value: ip }],
      ['Indicator', { pattern: `[ipv4-addr:value='${ip}']`, pattern_type: 'stix' }],
      [
        'StixFile',
        { hashes: { MD5: i.toString(16).padStart(32, '0'), 'SHA-256': 'ab'.repeat(32) } },
      ],
      ['Domain-Name', { value: `host-${i}.example.com` }],
      ['Report', { name: `Report ${i}`, published: '2024-01-01T00:00:00.000Z' }],
      ['uses', { source_ref: `intrusion-set--${i}`, target_ref: `malware--${i}` }],
      ['based-on', { source_ref: `indicator--${i}`, target_ref: `ipv4-addr--${i}` }],
      ['indicates', { source_ref: `indicator--${i}`, target_ref: `malware--${i}` }],
      [
        'targets',
        {
          source_ref: `intrusion-set--${i}`,
          target_ref: `identity--${i}`,
          start_time: '2024-02-03T04:05:06Z',
        },
      ],
      ['related-to', { source_ref: `report--${i}`, target_ref: `url--${i}` }],
      [
        'stix-sighting-relationship',
        { sighting_of_ref: `indicator--${i}`, where_sighted_refs: [`identity--${i}`] },
      ],
    );
  }
  return cases.slice(0, size);
}

function idsPerSecond(cases: readonly Case[]): number {
  const start = performance.now();
  for (const [entityType, data] of cases) {
    generateStandardId(entityType, data);
  }
  return cases.length / ((performance.now() - start) / 1000);
}

describe('generateStandardId throughput', () => {
  it('computes well over 25,000 ids per second on a typical mix', () => {
    const cases = buildMix(60_000);
    idsPerSecond(cases.slice(0, 5_000));
    const runs = [idsPerSecond(cases), idsPerSecond(cases), idsPerSecond(cases)];
    const best = Math.max(...runs);
    process.stdout.write(
      `generateStandardId: ${cases.length} ids/run, best ${Math.round(best)} ids/s, runs ${runs
        .map((r) => Math.round(r))
        .join(' / ')}\n`,
    );
    expect(best).toBeGreaterThan(25_000);
  });
});
