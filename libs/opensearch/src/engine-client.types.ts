// What SearchEngine uses of either engine's client: its transport (raw REST calls) and close.

type RawTransport = {
  request(
    params: {
      method: string;
      path: string;
      body?: unknown;
      bulkBody?: unknown[] | Buffer;
      querystring?: unknown;
    },
    options: { requestTimeout?: number; meta?: boolean; ignore?: number[] },
  ): Promise<unknown>;
};

export type RawClient = { transport: RawTransport; close(): Promise<void> };

/** The connection options both clients take (TLS under its own name in each). */
export type EngineClientOptions = {
  nodes: string[];
  auth: { username: string; password: string } | undefined;
  tls: { rejectUnauthorized: false } | undefined;
};
