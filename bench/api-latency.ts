import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { AuditEventConsumer } from '@lib/audit';
import { EntityStore } from '@lib/entity-store';
import { SearchIndex } from '@lib/search-index';
import { generateCorpus } from './corpus/synthetic-corpus';
import { emit, freshPlatform, openRun } from './bench-harness';
import { analystToken, graphql } from './bench-users';

// npm run bench:api -- --objects 100000: a synthetic corpus in a fresh embedded store, then the
// platform over HTTP: p50/p95 of a list page (first 100, a filter group, search, order, relation
// fields) and of one entity with its relations, and the store queries each costs. `--reader
// analyst` asks as a user of one group granted TLP:AMBER (markings compiled into every query)
// instead of the bypassing admin. Measured once the audit log has caught up with the corpus
// (`api-audit-catch-up` says how long that took).

const TOKEN = 'd4e5f6a7-1234-4abc-9def-0123456789ab';
const CORPUS_MARK = 'bench-corpus-objects';

const LIST = `query($filters: FilterGroup, $search: String) {
  stixDomainObjects(first: 100, filters: $filters, search: $search, orderBy: created_at, orderMode: desc) {
    edges { node { id entity_type
      ... on Malware { name aliases }
      ... on IntrusionSet { name aliases }
      createdBy { ... on Identity { name } }
      objectMarking { definition }
      objectLabel { value }
      externalReferences { edges { node { source_name url } } } } }
    pageInfo { globalCount hasNextPage endCursor } } }`;

const ENTITY = `query($id: String!) { stixDomainObject(id: $id) {
  id entity_type
  ... on Malware { name aliases killChainPhases { phase_name } }
  createdBy { ... on Identity { name } }
  objectMarking { definition }
  objectLabel { value }
  externalReferences { edges { node { source_name url } } } } }`;

const FILTERS = {
  mode: 'and',
  filters: [{ key: 'entity_type', values: ['Malware', 'Intrusion-Set'] }],
  filterGroups: [
    {
      mode: 'or',
      filters: [
        { key: 'confidence', values: [0], operator: 'gte' },
        { key: 'confidence', values: [], operator: 'nil' },
      ],
      filterGroups: [],
    },
  ],
};

type Counter = { calls: number };

function countCalls(target: object, methods: string[], counter: Counter): void {
  const record = target as Record<string, (...args: unknown[]) => unknown>;
  for (const name of methods) {
    const original = record[name];
    if (!original) continue;
    record[name] = (...args: unknown[]) => {
      counter.calls += 1;
      return original.apply(target, args);
    };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(
  url: string,
  token: string,
  query: string,
  variables: () => Record<string, unknown>,
  runs: number,
  counter: Counter,
) {
  const timings: number[] = [];
  let queries = 0;
  for (let i = 0; i < runs + 5; i += 1) {
    const before = counter.calls;
    const start = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: variables() }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    const elapsed = performance.now() - start;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    if (i >= 5) {
      timings.push(elapsed);
      queries = counter.calls - before;
    }
  }
  timings.sort((a, b) => a - b);
  return {
    p50_ms: Number(percentile(timings, 50).toFixed(2)),
    p95_ms: Number(percentile(timings, 95).toFixed(2)),
    store_queries: queries,
  };
}

async function main(): Promise<void> {
  const options = new Command('bench:api')
    .option('--objects <n>', 'objects in the store', (v) => Number(v), 100_000)
    .option('--runs <n>', 'measured requests per query', (v) => Number(v), 100)
    .option('--data-dir <dir>', 'keep the corpus there and reuse it when already built')
    .option('--reader <who>', 'admin (bypass) or analyst (TLP:AMBER, KNOWLEDGE)', 'admin')
    .parse(process.argv)
    .opts<{ objects: number; runs: number; dataDir?: string; reader: string }>();
  const built = options.dataDir && existsSync(join(options.dataDir, CORPUS_MARK));
  const platform = await freshPlatform({ THREATLOOM_ADMIN_TOKEN: TOKEN }, options.dataDir);
  if (!built) {
    const run = await openRun(platform.app, 'bench api corpus');
    for (const bundle of generateCorpus({ objects: options.objects, seed: 42, bundleSize: 5000 })) {
      await run.addObjects(bundle.objects);
    }
    await run.finish();
    if (options.dataDir) writeFileSync(join(options.dataDir, CORPUS_MARK), String(options.objects));
  }
  await platform.app.close();
  const config = loadConfig({
    env: {
      THREATLOOM_DATA_DIR: platform.dir,
      THREATLOOM_PORT: '0',
      THREATLOOM_HOST: '127.0.0.1',
      THREATLOOM_ADMIN_TOKEN: TOKEN,
      THREATLOOM_ADMIN_PASSWORD: 'bench password',
      THREATLOOM_LOG_LEVEL: 'error',
    },
    appFlag: 'core',
  });
  const app: NestExpressApplication = await startPlatform(config);
  try {
    // The corpus was built without the core role: its audit entries are written now. Latency is
    // measured once they are, on a platform at rest.
    const started = performance.now();
    const audit = app.get(AuditEventConsumer);
    while (!(await audit.caughtUp())) await new Promise((r) => setTimeout(r, 500));
    emit({
      bench: 'api-audit-catch-up',
      seconds: Math.round((performance.now() - started) / 1000),
    });
    const counter: Counter = { calls: 0 };
    countCalls(app.get(EntityStore), ['resolve', 'get', 'getMany', 'findRelations'], counter);
    countCalls(app.get(SearchIndex), ['search', 'count'], counter);
    const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    const token = options.reader === 'analyst' ? await analystToken(url, TOKEN) : TOKEN;
    const words = ['shadow', 'fancy', 'loader', 'storm', 'bear'];
    let w = 0;
    const list = await measure(
      url,
      token,
      LIST,
      () => ({ filters: FILTERS, search: words[w++ % words.length] }),
      options.runs,
      counter,
    );
    const run = { objects: options.objects, runs: options.runs, reader: options.reader };
    emit({ bench: 'api-list-page', ...run, ...list });
    const ids = await sampleIds(url, token);
    let i = 0;
    const entity = await measure(
      url,
      token,
      ENTITY,
      () => ({ id: ids[i++ % ids.length] }),
      options.runs,
      counter,
    );
    emit({ bench: 'api-entity', ...run, ...entity });
  } finally {
    await app.close();
    await platform.close();
  }
}

async function sampleIds(url: string, token: string): Promise<string[]> {
  const data = await graphql<{ malwares: { edges: { node: { id: string } }[] } }>(
    url,
    token,
    '{ malwares(first: 200) { edges { node { id } } } }',
  );
  return data.malwares.edges.map((e) => e.node.id);
}

void main();
