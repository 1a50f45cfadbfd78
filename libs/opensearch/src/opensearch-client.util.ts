import { Client } from '@opensearch-project/opensearch';
import type { EngineClientOptions, RawClient } from './engine-client.types';

// Loaded by SearchEngine.connect only when the cluster is OpenSearch: the client package is
// heavy (about 20 MB once required), and the embedded profile never talks to a cluster.

/** An OpenSearch client, seen through the transport SearchEngine uses. */
export function openSearchClient({ nodes, auth, tls }: EngineClientOptions): RawClient {
  return new Client({ nodes, auth, ssl: tls }) as unknown as RawClient;
}
