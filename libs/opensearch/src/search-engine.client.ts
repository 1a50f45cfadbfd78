import { SearchEngineError } from './search-engine.error';
import type { EngineClientOptions, RawClient } from './engine-client.types';
import type {
  EngineBody,
  EngineRequest,
  SearchEngineConfig,
  SearchEngineKind,
} from './search-engine.types';

// The one module that knows which engine it talks to. Everything above it speaks the REST API
// both engines share (index templates, aliases, _bulk, _search with search_after, terms_set),
// so the adapters send plain JSON bodies through `request` and `bulk`.

/** A connection to an Elasticsearch ≥ 8 or OpenSearch ≥ 2.9 cluster. */
export class SearchEngine {
  private constructor(
    readonly kind: SearchEngineKind,
    private readonly client: RawClient,
    private readonly timeoutMs: number,
  ) {}

  /** Loads the client of the configured engine only (neither is loaded before a connection). */
  static async connect(config: SearchEngineConfig): Promise<SearchEngine> {
    const options: EngineClientOptions = {
      nodes: config.nodes,
      auth:
        config.username !== undefined
          ? { username: config.username, password: config.password ?? '' }
          : undefined,
      tls: config.tlsInsecure ? { rejectUnauthorized: false } : undefined,
    };
    const client =
      config.engine === 'elasticsearch'
        ? (await import('./elastic-client.util.js')).elasticClient(options)
        : (await import('./opensearch-client.util.js')).openSearchClient(options);
    return new SearchEngine(config.engine, client, config.requestTimeoutMs ?? 30_000);
  }

  /** One REST call; error statuses throw SearchEngineError unless listed in `ignore`. */
  async request(
    req: EngineRequest,
    ignore: number[] = [],
  ): Promise<{ status: number; body: EngineBody }> {
    try {
      const response = (await this.client.transport.request(
        { method: req.method, path: req.path, body: req.body, querystring: req.querystring },
        { requestTimeout: this.timeoutMs, meta: true, ignore },
      )) as { statusCode?: number; body?: unknown };
      return { status: response.statusCode ?? 200, body: asBody(response.body) };
    } catch (cause) {
      throw toEngineError(cause);
    }
  }

  /** A _bulk request (NDJSON lines); the per-item results are in `items`. */
  async bulk(lines: unknown[], querystring: Record<string, string> = {}): Promise<EngineBody> {
    try {
      const response = (await this.client.transport.request(
        { method: 'POST', path: '/_bulk', bulkBody: ndjson(lines), querystring },
        { requestTimeout: this.timeoutMs, meta: true },
      )) as { body?: unknown };
      return asBody(response.body);
    } catch (cause) {
      throw toEngineError(cause);
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * The bulk body, encoded once. Given lines or a string, the clients measure the text's byte length
 * and then encode it again on the socket: two passes over batches of several megabytes.
 */
function ndjson(lines: readonly unknown[]): Buffer {
  return Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

function asBody(body: unknown): EngineBody {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return body as EngineBody;
  }
  return { value: body };
}

function toEngineError(cause: unknown): SearchEngineError {
  if (cause instanceof SearchEngineError) {
    return cause;
  }
  const meta = (cause as { meta?: { statusCode?: number; body?: unknown } } | undefined)?.meta;
  const status =
    typeof meta?.statusCode === 'number' && meta.statusCode > 0 ? meta.statusCode : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new SearchEngineError(status, describeReason(meta?.body) ?? message, cause);
}

function describeReason(body: unknown): string | undefined {
  type Cause = { type?: string; reason?: string };
  const error = (body as { error?: (Cause & { root_cause?: Cause[] }) | string } | undefined)
    ?.error;
  if (typeof error === 'string') {
    return error;
  }
  if (!error?.reason) {
    return undefined;
  }
  // The root cause says why (e.g. too many clauses) where the top error says "all shards failed".
  const root = error.root_cause?.[0];
  const because =
    root?.reason && root.reason !== error.reason ? ` (${root.type}: ${root.reason})` : '';
  return `${error.type ?? 'error'}: ${error.reason}${because}`;
}
