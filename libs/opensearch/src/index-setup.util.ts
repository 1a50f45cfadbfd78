import { randomUUID } from 'node:crypto';
import { sleep } from '@lib/kernel';
import type { SearchEngine } from './search-engine.client';
import { SearchEngineError } from './search-engine.error';
import type { IndexLayout } from './index-layout.types';
import { metaIndex, readAlias, writeAlias } from './index-layout.types';
import { mappingAdditions } from './mapping-additions.util';
import type { EngineBody } from './search-engine.types';

const LOCK_TTL_MS = 60_000;
const LOCK_WAIT_MS = 90_000;
const SHARD_START_WAIT_MS = 30_000;

/**
 * Creates or upgrades the layout's template, indices and aliases, once: replicas booting together
 * take a lock document (created with op_type=create, so only one succeeds) and the others wait
 * until the recorded schema version is the wanted one.
 */
export async function ensureIndexLayout(engine: SearchEngine, layout: IndexLayout): Promise<void> {
  if ((await schemaVersion(engine, layout)) >= layout.version) {
    return;
  }
  await engine.request(
    { method: 'PUT', path: `/${metaIndex(layout.prefix)}`, body: META_INDEX },
    [400],
  );
  await withSetupLock(engine, layout, async () => {
    if ((await schemaVersion(engine, layout)) >= layout.version) {
      return;
    }
    await applyLayout(engine, layout);
    await engine.request({
      method: 'PUT',
      path: `/${metaIndex(layout.prefix)}/_doc/schema-${layout.component}`,
      body: { version: layout.version, applied_at: new Date().toISOString() },
      querystring: { refresh: 'true' },
    });
  });
}

/**
 * Deletes every index of the prefix and the index templates its layouts put (tests and `reset`
 * only): templates left behind pile up in the cluster state, run after run.
 */
export async function deleteIndices(engine: SearchEngine, prefix: string): Promise<void> {
  const found = await engine.request({ method: 'GET', path: `/${prefix}-*` }, [404]);
  const names = Object.keys(found.body).filter((name) => name.startsWith(`${prefix}-`));
  if (names.length > 0) {
    await engine.request({ method: 'DELETE', path: `/${names.join(',')}` });
  }
  const templates = await engine.request(
    { method: 'GET', path: `/_index_template/${prefix}-*` },
    [404],
  );
  const listed = (templates.body.index_templates ?? []) as { name: string }[];
  for (const { name } of listed.filter((t) => t.name.startsWith(`${prefix}-`))) {
    await engine.request({ method: 'DELETE', path: `/_index_template/${name}` }, [404]);
  }
}

const META_INDEX = {
  settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
  mappings: { dynamic: false, properties: { version: { type: 'integer' } } },
};

async function schemaVersion(engine: SearchEngine, layout: IndexLayout): Promise<number> {
  const response = await whileShardStarts(() =>
    engine.request(
      { method: 'GET', path: `/${metaIndex(layout.prefix)}/_doc/schema-${layout.component}` },
      [404],
    ),
  );
  const source = response.body._source as { version?: unknown } | undefined;
  return typeof source?.version === 'number' ? source.version : 0;
}

/**
 * Retries `fn` while the engine answers 503: the meta index a replica booting beside this one has
 * just created refuses reads until its shard has started (a moment after its creation returns).
 */
async function whileShardStarts<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SHARD_START_WAIT_MS;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof SearchEngineError && error.status === 503) || Date.now() > deadline) {
        throw error;
      }
      await sleep(100);
    }
  }
}

async function applyLayout(engine: SearchEngine, layout: IndexLayout): Promise<void> {
  const read = readAlias(layout);
  await engine.request({
    method: 'PUT',
    path: `/_index_template/${read}`,
    body: {
      index_patterns: [`${read}-*`],
      priority: 100,
      template: { settings: layout.settings, mappings: layout.mappings, aliases: { [read]: {} } },
    },
  });
  for (const family of layout.families) {
    const alias = writeAlias(layout, family);
    const exists = await engine.request({ method: 'HEAD', path: `/_alias/${alias}` }, [404]);
    if (exists.status === 200) {
      await addNewFields(engine, alias, layout.mappings);
    } else {
      await engine.request({
        method: 'PUT',
        path: `/${alias}-000001`,
        body: { aliases: { [alias]: { is_write_index: true } } },
      });
    }
  }
}

/**
 * Mappings only ever grow: the fields the layout adds go to every index of the family; a changed
 * parameter of an existing field applies to the indices made from the template from then on.
 */
async function addNewFields(engine: SearchEngine, alias: string, wanted: EngineBody) {
  const { body } = await engine.request({ method: 'GET', path: `/${alias}/_mapping` });
  for (const [index, value] of Object.entries(body)) {
    const additions = mappingAdditions(wanted, (value as { mappings?: EngineBody }).mappings);
    if (additions) {
      await engine.request({ method: 'PUT', path: `/${index}/_mapping`, body: additions });
    }
  }
}

async function withSetupLock(
  engine: SearchEngine,
  layout: IndexLayout,
  fn: () => Promise<void>,
): Promise<void> {
  const path = `/${metaIndex(layout.prefix)}/_create/lock-${layout.component}`;
  const owner = randomUUID();
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const taken = await engine.request(
      {
        method: 'PUT',
        path,
        body: { owner, expires_at: Date.now() + LOCK_TTL_MS },
        querystring: { refresh: 'true' },
      },
      [409],
    );
    if (taken.status !== 409) {
      try {
        await fn();
      } finally {
        await engine.request({ method: 'DELETE', path: lockDocPath(layout) }, [404]);
      }
      return;
    }
    if ((await schemaVersion(engine, layout)) >= layout.version) {
      return;
    }
    await breakExpiredLock(engine, layout);
    if (Date.now() > deadline) {
      throw new SearchEngineError(
        undefined,
        `index setup lock of ${layout.prefix} still held after ${LOCK_WAIT_MS} ms`,
      );
    }
    await sleep(250);
  }
}

function lockDocPath(layout: IndexLayout): string {
  return `/${metaIndex(layout.prefix)}/_doc/lock-${layout.component}`;
}

/** A holder that died leaves its lock behind: past its expiry anyone may remove it (once). */
async function breakExpiredLock(engine: SearchEngine, layout: IndexLayout): Promise<void> {
  const current = await engine.request({ method: 'GET', path: lockDocPath(layout) }, [404]);
  const source = current.body._source as { expires_at?: unknown } | undefined;
  if (typeof source?.expires_at === 'number' && source.expires_at < Date.now()) {
    await engine.request(
      {
        method: 'DELETE',
        path: lockDocPath(layout),
        querystring: {
          if_seq_no: Number(current.body._seq_no),
          if_primary_term: Number(current.body._primary_term),
        },
      },
      [404, 409],
    );
  }
}
