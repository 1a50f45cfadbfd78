import { HTTP_ENRICHER_SCHEMA } from '@lib/config';
import { atPath, mappedEnrichment, observableValue } from './http-enricher.connector';

const settings = (mapping: Record<string, unknown>) =>
  HTTP_ENRICHER_SCHEMA.parse({ name: 'rep', url: 'http://127.0.0.1/{value}', mapping });

const ANSWER = {
  data: {
    attributes: { reputation: '7', tags: ['scanner', 'tor', { nested: true }], note: 'Seen 3x' },
    results: [{ verdict: 'malicious' }],
  },
};

describe('atPath', () => {
  it('follows object keys and array indices, undefined past a leaf', () => {
    expect(atPath(ANSWER, 'data.attributes.note')).toBe('Seen 3x');
    expect(atPath(ANSWER, 'data.results.0.verdict')).toBe('malicious');
    expect(atPath(ANSWER, 'data.attributes.note.length.x')).toBeUndefined();
    expect(atPath(ANSWER, 'nothing.here')).toBeUndefined();
  });
});

describe('mappedEnrichment', () => {
  it('reads a scaled, capped score, string labels and a description; links to the API page', () => {
    const found = mappedEnrichment(
      ANSWER,
      settings({
        score: 'data.attributes.reputation',
        scoreScale: 20,
        labels: 'data.attributes.tags',
        description: 'data.attributes.note',
        link: 'https://rep.example/ip/{value}',
      }),
      { value: '1.2.3.4/32', type: 'IPv4-Addr' },
    );
    expect(found).toEqual({
      score: 100,
      labels: ['scanner', 'tor'],
      description: 'Seen 3x',
      externalReferences: [{ source_name: 'rep', url: 'https://rep.example/ip/1.2.3.4%2F32' }],
      related: [],
    });
  });

  it('takes one label, and finds nothing when the paths find nothing', () => {
    const one = mappedEnrichment(ANSWER, settings({ labels: 'data.results.0.verdict' }), {
      value: 'x',
      type: 'Url',
    });
    expect(one?.labels).toEqual(['malicious']);
    expect(
      mappedEnrichment({}, settings({ score: 'a', labels: 'b', description: 'c' }), {
        value: 'x',
        type: 'Url',
      }),
    ).toBeUndefined();
  });
});

describe('observableValue', () => {
  it('is the value, else the strongest hash', () => {
    expect(observableValue({ id: 'ipv4-addr--1', type: 'ipv4-addr', value: '8.8.8.8' })).toBe(
      '8.8.8.8',
    );
    expect(
      observableValue({ id: 'file--1', type: 'file', hashes: { MD5: 'aa', 'SHA-256': 'bb' } }),
    ).toBe('bb');
    expect(observableValue({ id: 'file--1', type: 'file' })).toBeUndefined();
  });
});
