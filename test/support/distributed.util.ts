import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { distributedPlatformEnv, platformGraphql } from '@lib/testing';
import { ROOT, cliEnv, runCli } from './cli.util';

export { startRole, stopRole, waitReady } from '@lib/testing';
export type { PlatformProcess } from '@lib/testing';

export const DISTRIBUTED_TOKEN = 'b8c9d0e1-1234-4abc-9def-0123456789ab';
const ADMIN = { token: DISTRIBUTED_TOKEN, password: 'correct horse battery' };

/** The environment of one platform on the distributed profile, its names unique to `run`. */
export function distributedEnv(run: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return distributedPlatformEnv(run, ADMIN, extra);
}

/** POSTs a GraphQL request to a platform as the admin, failing on GraphQL errors. */
export function graphql<T>(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return platformGraphql<T>(port, DISTRIBUTED_TOKEN, query, variables);
}

const COUNTS = `{
  stixCoreObjects(first: 1) { pageInfo { globalCount } }
  stixCoreRelationships(first: 1) { pageInfo { globalCount } }
  attackPatterns(first: 1) { pageInfo { globalCount } }
  malwares(first: 1) { pageInfo { globalCount } }
}`;

/** How many objects, relationships, attack patterns and malwares a platform answers. */
export async function knowledgeCounts(port: number): Promise<Record<string, number>> {
  const counts = await graphql<Record<string, { pageInfo: { globalCount: number } }>>(port, COUNTS);
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.pageInfo.globalCount]));
}

/** Objects plus relationships: how far an import has got. */
export const totalOf = (counts: Record<string, number>): number =>
  (counts.stixCoreObjects ?? 0) + (counts.stixCoreRelationships ?? 0);

/** The oracle: the counts after a clean embedded import of `bundle` by the CLI. */
export async function embeddedCounts(bundle: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-oracle-'));
  const imported = runCli(['import', bundle], cliEnv(dir));
  if (imported.status !== 0) throw new Error(`oracle import failed: ${imported.stderr}`);
  const config = loadConfig({
    env: {
      THREATLOOM_DATA_DIR: dir,
      THREATLOOM_PORT: '0',
      THREATLOOM_HOST: '127.0.0.1',
      THREATLOOM_ADMIN_TOKEN: ADMIN.token,
      THREATLOOM_ADMIN_PASSWORD: ADMIN.password,
      THREATLOOM_LOG_LEVEL: 'silent',
    },
    appFlag: 'core',
  });
  const app: NestExpressApplication = await startPlatform(config);
  try {
    return await knowledgeCounts(Number(new URL(await app.getUrl()).port));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `probe` every 100 ms until it gives a value, failing after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs scripts/services (`--stop NAME` or `NAME`), failing with its output. */
export function services(...args: string[]): void {
  const result = spawnSync('bash', [join(ROOT, 'scripts', 'services'), ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`scripts/services ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  }
}
