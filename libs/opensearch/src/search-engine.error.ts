import { AppError } from '@lib/kernel';

/** An answer of the cluster with an error status, or no answer at all (status undefined). */
export class SearchEngineError extends AppError {
  constructor(
    readonly status: number | undefined,
    readonly reason: string,
    cause?: unknown,
  ) {
    super({
      code: status === undefined ? 'SEARCH_ENGINE_UNAVAILABLE' : 'SEARCH_ENGINE_ERROR',
      category: status === undefined || status >= 500 ? 'unavailable' : 'internal',
      message:
        status === undefined
          ? `The search engine (Elasticsearch/OpenSearch) is unreachable: ${reason}`
          : `The search engine answered ${status}: ${reason}`,
      details: { status },
      cause,
    });
  }
}
