import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseStixObject } from './parse-stix-object.util';
import type { ParsedObject, StixIssue } from './stix-parse.types';

// Table-driven run of libs/testing/fixtures/stix/{valid,invalid}/<case>.json.
const FIXTURES_DIR = join(__dirname, '../../../testing/fixtures/stix');

const ISSUE = z.object({ path: z.string(), message: z.string() });
const OPTIONS = z.object({ specVersion: z.enum(['2.0', '2.1']).optional() }).optional();

const VALID_FIXTURE = z.object({
  description: z.string().optional(),
  options: OPTIONS,
  expect: z
    .object({
      upgradedFrom: z.literal('2.0').optional(),
      // When given, the warnings must be exactly these (message as substring), in any order.
      warnings: z.array(ISSUE).optional(),
      object: z.record(z.string(), z.unknown()).optional(),
      absent: z.array(z.string()).optional(),
    })
    .optional(),
  object: z.record(z.string(), z.unknown()),
});

const INVALID_FIXTURE = z.object({
  description: z.string().optional(),
  options: OPTIONS,
  expect: ISSUE,
  object: z.unknown(),
});

const readCases = <T>(kind: 'valid' | 'invalid', schema: z.ZodType<T>): [string, T][] =>
  readdirSync(join(FIXTURES_DIR, kind))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [
      name.replace(/\.json$/, ''),
      schema.parse(JSON.parse(readFileSync(join(FIXTURES_DIR, kind, name), 'utf8'))),
    ]);

const matches = (issue: StixIssue, expected: StixIssue): boolean =>
  issue.path === expected.path && issue.message.includes(expected.message);

const issuesOf = (result: ParsedObject): StixIssue[] => (result.ok ? [] : result.issues);

describe('STIX fixtures', () => {
  const validCases = readCases('valid', VALID_FIXTURE);
  const invalidCases = readCases('invalid', INVALID_FIXTURE);

  it('has at least 25 cases of each kind', () => {
    expect(validCases.length).toBeGreaterThanOrEqual(25);
    expect(invalidCases.length).toBeGreaterThanOrEqual(25);
  });

  describe('valid', () => {
    it.each(validCases)('%s', (_name, fixture) => {
      const result = parseStixObject(fixture.object, fixture.options);

      expect(issuesOf(result)).toEqual([]);
      if (!result.ok) {
        return;
      }
      const expected = fixture.expect ?? {};
      expect(result.upgradedFrom).toBe(expected.upgradedFrom);
      // Nothing is dropped: every input property is still there (renamed 2.0 labels excepted).
      const kept = Object.keys(fixture.object).filter((key) => !expected.absent?.includes(key));
      expect(Object.keys(result.object)).toEqual(expect.arrayContaining(kept));
      if (expected.upgradedFrom === undefined) {
        expect(result.object).toBe(fixture.object);
      }
      expect(result.object).toMatchObject(expected.object ?? {});
      for (const key of expected.absent ?? []) {
        expect(result.object).not.toHaveProperty(key);
      }
      if (expected.warnings !== undefined) {
        const unexpected = result.warnings.filter(
          (warning) => !expected.warnings?.some((wanted) => matches(warning, wanted)),
        );
        const missing = expected.warnings.filter(
          (wanted) => !result.warnings.some((warning) => matches(warning, wanted)),
        );
        expect({ unexpected, missing }).toEqual({ unexpected: [], missing: [] });
      }
    });
  });

  describe('invalid', () => {
    it.each(invalidCases)('%s', (_name, fixture) => {
      const result = parseStixObject(fixture.object, fixture.options);

      expect(result.ok).toBe(false);
      expect(issuesOf(result)).toEqual(
        expect.arrayContaining([
          {
            path: fixture.expect.path,
            message: expect.stringContaining(fixture.expect.message) as unknown,
          },
        ]),
      );
    });
  });
});
