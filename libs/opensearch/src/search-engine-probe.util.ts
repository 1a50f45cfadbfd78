import { SearchEngine } from './search-engine.client';
import type { SearchEngineConfig } from './search-engine.types';

/** One `GET /` with a short timeout: resolves when the cluster answers. */
export async function probeSearchEngine(config: SearchEngineConfig, timeoutMs: number) {
  const engine = await SearchEngine.connect({ ...config, requestTimeoutMs: timeoutMs });
  try {
    await engine.request({ method: 'GET', path: '/' });
  } finally {
    await engine.close();
  }
}
