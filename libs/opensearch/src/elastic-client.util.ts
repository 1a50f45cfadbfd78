import { Client } from '@elastic/elasticsearch';
import type { EngineClientOptions, RawClient } from './engine-client.types';

// Loaded by SearchEngine.connect only when the cluster is Elasticsearch: the client package is
// heavy (about 30 MB once required), and the embedded profile never talks to a cluster.

/** An Elasticsearch client, seen through the transport SearchEngine uses. */
export function elasticClient({ nodes, auth, tls }: EngineClientOptions): RawClient {
  return new Client({ nodes, auth, tls }) as unknown as RawClient;
}
