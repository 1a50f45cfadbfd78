import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { SqliteEntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { SqliteDatabase } from '@lib/sqlite';

export const ROOT = join(__dirname, '..', '..');
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');
const BIN = join(ROOT, 'bin', 'threatloom.js');

/** Fails with the fix when the compiled platform is missing (npm install or npm run build make it). */
export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'apps', 'platform', 'src', 'run-platform.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm run test:all does)');
  }
}

export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    THREATLOOM_DATA_DIR: dataDir,
    THREATLOOM_LOG_LEVEL: 'error',
    ...extra,
  };
  return env;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export type BundleObject = { id: string; type: string };

export function readBundleObjects(path: string): BundleObject[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const parsed = JSON.parse(text) as { objects?: BundleObject[] } & BundleObject;
  return parsed.objects ?? [parsed];
}

/** For each input id: the stored elements it designates (there must be exactly one), read through the store. */
export async function elementsPerId(
  dataDir: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const database = new SqliteDatabase({ path: join(dataDir, 'threatloom.db') });
  try {
    const store = new SqliteEntityStore(database, { maxEvents: 10_000_000 });
    const found = await store.resolve(systemContext('test'), ids);
    return new Map(ids.map((id) => [id, (found.get(id) ?? []).map((e) => e.internalId)]));
  } finally {
    database.close();
  }
}

export function sqlite<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'threatloom.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
