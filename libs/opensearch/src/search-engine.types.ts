export type SearchEngineKind = 'opensearch' | 'elasticsearch';

/** How to reach the cluster; built from the THREATLOOM_SEARCH_* variables. */
export type SearchEngineConfig = {
  engine: SearchEngineKind;
  /** One or more node URLs of the same cluster. */
  nodes: string[];
  username?: string;
  password?: string;
  /** Accept self-signed certificates (test clusters only). */
  tlsInsecure?: boolean;
  requestTimeoutMs?: number;
};

export type EngineRequest = {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  path: string;
  body?: unknown;
  querystring?: Record<string, string | number | boolean>;
};

/** Parsed JSON body of a response. */
export type EngineBody = Record<string, unknown>;
