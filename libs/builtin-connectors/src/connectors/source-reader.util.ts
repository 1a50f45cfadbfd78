import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

const FETCH_TIMEOUT_MS = 5 * 60_000;

/** The text of a source (a URL or a path; gzip when its name ends in `.gz`). */
export async function readSource(source: string): Promise<Buffer> {
  let body: Buffer;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status} ${response.statusText}`);
    }
    body = Buffer.from(await response.arrayBuffer());
  } else {
    body = await readFile(source);
  }
  return /\.gz$/i.test(source.split('?')[0] ?? '') ? gunzipSync(body) : body;
}
