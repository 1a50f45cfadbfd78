import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

import type { ConnectorOutcome, ConnectorSession } from '../builtin-connector.types';

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

/** Per source, in the connector state: the digest of what was imported last, or why it failed. */
type SourceState = Record<string, unknown> & { sha256?: string; error?: string };

/**
 * Reads each source and imports those whose content changed since their last import (the SHA-256
 * is kept per source name in the connector state under `key`, saved after each source). A source
 * that fails is named in the outcome (in error) and tried again next run, never holding the
 * others back. `importOne` answers what the run's message says of the source and what its state
 * keeps beside the digest.
 */
export async function importChangedSources<T extends { name: string; source: string }>(
  session: ConnectorSession,
  key: string,
  sources: readonly T[],
  importOne: (
    source: T,
    content: Buffer,
  ) => Promise<{ summary: string; state: Record<string, unknown> }>,
): Promise<ConnectorOutcome> {
  const previous = (session.state?.[key] ?? {}) as Record<string, SourceState>;
  const next: Record<string, SourceState> = { ...previous };
  const done: string[] = [];
  const failed: string[] = [];
  for (const source of sources) {
    try {
      const content = await readSource(source.source);
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (previous[source.name]?.sha256 === sha256) {
        done.push(`${source.name}: unchanged`);
        continue;
      }
      const { summary, state } = await importOne(source, content);
      next[source.name] = { sha256, imported_at: new Date().toISOString(), ...state };
      done.push(`${source.name}: ${summary}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      next[source.name] = { ...previous[source.name], error: reason };
      failed.push(`${source.name}: ${reason}`);
    }
    await session.saveState({ [key]: next });
  }
  return {
    message: [...done, ...failed.map((f) => `failed ${f}`)].join('; '),
    inError: failed.length > 0,
  };
}
