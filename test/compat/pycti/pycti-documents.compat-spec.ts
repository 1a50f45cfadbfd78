import { parse, validate } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildCoreSchema } from '../../../apps/core/src/graphql/knowledge/testing/build-knowledge-schema.util';
import { PYCTI_VENVS, runPyctiScript } from './pycti-runner.util';

type RecordedDocument = { helpers: string[]; query: string };

// Every read document pycti's helpers send (list and read of each entity helper, with and
// without files) must validate against the schema, or pycti's calls fail before any resolver.
describe.each(PYCTI_VENVS)('GraphQL documents of %s', (venv) => {
  let schema: GraphQLSchema;
  let documents: RecordedDocument[];

  beforeAll(async () => {
    schema = await buildCoreSchema();
    documents = await runPyctiScript<RecordedDocument[]>(venv, 'pycti_read_documents.py');
  }, 120_000);

  it('records the read documents of every helper', () => {
    expect(documents.length).toBeGreaterThan(100);
    const helpers = new Set(documents.flatMap((d) => d.helpers));
    for (const helper of [
      'malware.list',
      'report.read',
      'stix_core_relationship.list',
      'label.list',
    ]) {
      expect(helpers).toContain(helper);
    }
  });

  it('validates every document against the schema', () => {
    const failures = documents.flatMap((d) =>
      validate(schema, parse(d.query)).map((e) => `${d.helpers.join(',')}: ${e.message}`),
    );
    expect(failures).toEqual([]);
  });
});
