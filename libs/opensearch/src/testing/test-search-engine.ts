import { randomUUID } from 'node:crypto';
import { processEnv } from '@lib/config';
import { SearchEngine } from '../search-engine.client';
import type { SearchEngineKind } from '../search-engine.types';

export type TestSearchEngine = { engine: SearchEngine; url: string; kind: SearchEngineKind };

/**
 * The search engine the contract suites run against: THREATLOOM_TEST_SEARCH_URL (default the
 * OpenSearch `scripts/services opensearch` starts on 127.0.0.1:9200) and
 * THREATLOOM_TEST_SEARCH_ENGINE (opensearch | elasticsearch). Fails, never skips, when the engine
 * does not answer.
 */
export async function connectTestSearchEngine(): Promise<TestSearchEngine> {
  const env = processEnv();
  const url = env.THREATLOOM_TEST_SEARCH_URL ?? 'http://127.0.0.1:9200';
  const kind: SearchEngineKind =
    env.THREATLOOM_TEST_SEARCH_ENGINE === 'elasticsearch' ? 'elasticsearch' : 'opensearch';
  const engine = SearchEngine.connect({ engine: kind, nodes: [url], requestTimeoutMs: 60_000 });
  try {
    await engine.request({ method: 'GET', path: '/_cluster/health' });
  } catch (cause) {
    await engine.close();
    throw new Error(
      `${kind} is not reachable at ${url}: start it with \`scripts/services opensearch\` ` +
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
