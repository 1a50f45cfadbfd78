import { randomUUID } from 'node:crypto';
import { processEnv } from '@lib/config';
import { SearchEngine } from '../search-engine.client';
import type { SearchEngineKind } from '../search-engine.types';

export type TestSearchEngine = { engine: SearchEngine; url: string; kind: SearchEngineKind };

/** Both engines the contract suites run on (`scripts/services opensearch elasticsearch`). */
export const TEST_SEARCH_ENGINES: readonly SearchEngineKind[] = ['opensearch', 'elasticsearch'];

const DEFAULT_URLS: Record<SearchEngineKind, string> = {
  opensearch: 'http://127.0.0.1:9200',
  elasticsearch: 'http://127.0.0.1:9201',
};

/** THREATLOOM_TEST_OPENSEARCH_URL or THREATLOOM_TEST_ELASTICSEARCH_URL, else the loopback node. */
export function testSearchEngineUrl(kind: SearchEngineKind): string {
  const env = processEnv();
  const url =
    kind === 'opensearch'
      ? env.THREATLOOM_TEST_OPENSEARCH_URL
      : env.THREATLOOM_TEST_ELASTICSEARCH_URL;
  return url ?? DEFAULT_URLS[kind];
}

/**
 * A search engine the contract suites run against: THREATLOOM_TEST_OPENSEARCH_URL or
 * THREATLOOM_TEST_ELASTICSEARCH_URL, by default the nodes `scripts/services` starts on loopback.
 * Fails, never skips, when the engine does not answer.
 */
export async function connectTestSearchEngine(kind: SearchEngineKind): Promise<TestSearchEngine> {
  const url = testSearchEngineUrl(kind);
  const engine = await SearchEngine.connect({
    engine: kind,
    nodes: [url],
    requestTimeoutMs: 60_000,
  });
  try {
    await engine.request({ method: 'GET', path: '/_cluster/health' });
  } catch (cause) {
    await engine.close();
    throw new Error(
      `${kind} is not reachable at ${url}: start it with \`scripts/services ${kind}\` ` +
        `(${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
  return { engine, url, kind };
}

/** An index prefix no other run uses (index names are lower-case). */
export function uniqueIndexPrefix(label: string): string {
  return `tl-test-${label}-${randomUUID().slice(0, 8)}`;
}

/**
 * Deletes every document behind an alias (between tests). The integ-test distribution has no
 * reindex module, hence no _delete_by_query: ids are listed and deleted in one bulk.
 */
export async function emptyIndices(engine: SearchEngine, alias: string): Promise<void> {
  const { body } = await engine.request({
    method: 'POST',
    path: `/${alias}/_search`,
    body: { size: 10_000, _source: false, query: { match_all: {} } },
  });
  const hits = (body.hits as { hits?: { _id: string; _index: string }[] } | undefined)?.hits ?? [];
  if (hits.length > 0) {
    await engine.bulk(
      hits.map((hit) => ({ delete: { _index: hit._index, _id: hit._id } })),
      { refresh: 'true' },
    );
  }
}
