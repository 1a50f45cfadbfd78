import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseStixObject } from './parse-stix-object.util';
import { readBundle } from './read-bundle.util';
import { sharedData } from '@lib/testing';

// Throughput figure for the ingestion budget, printed rather than asserted (machines differ).
const ENTERPRISE = sharedData('mitre-attack', 'enterprise-attack-18.1.json.gz');
const ROUNDS = 5;

describe('parseStixObject throughput', () => {
  it('parses all 24,771 Enterprise ATT&CK objects and reports objects/s', () => {
    const raw = JSON.parse(gunzipSync(readFileSync(ENTERPRISE)).toString('utf8')) as unknown;
    const { objects } = readBundle(raw);
    const rates: number[] = [];
    let accepted = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      const start = process.hrtime.bigint();
      accepted = 0;
      for (const object of objects) {
        accepted += parseStixObject(object).ok ? 1 : 0;
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // Round 0 warms the JIT up and is not counted.
      if (round > 0) {
        rates.push(objects.length / seconds);
      }
    }
    rates.sort((a, b) => a - b);
    const median = Math.round(rates[Math.floor(rates.length / 2)] ?? 0);
    const best = Math.round(rates[rates.length - 1] ?? 0);

    process.stdout.write(
      `parseStixObject: ${objects.length} objects, median ${median} objects/s, best ${best} objects/s\n`,
    );
    expect(accepted).toBe(24_771);
  });
});
