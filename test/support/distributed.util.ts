import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { loopbackServicesEnv, runNamesEnv } from '@lib/testing';
import { ROOT, cliEnv, runCli, startCli } from './cli.util';

export const DISTRIBUTED_TOKEN = 'b8c9d0e1-1234-4abc-9def-0123456789ab';

/** The environment of one platform on the distributed profile, its names unique to `run`. */
export function distributedEnv(run: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...loopbackServicesEnv(),
    ...runNamesEnv(run),
    THREATLOOM_PROFILE: 'distributed',
    THREATLOOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'tl-dist-')),
    THREATLOOM_ADMIN_TOKEN: DISTRIBUTED_TOKEN,
    THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
    THREATLOOM_HOST: '127.0.0.1',
    THREATLOOM_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** A platform process and what it printed. */
export type PlatformProcess = { child: ChildProcess; port: number; output: () => string };

export function startRole(app: string, port: number, env: NodeJS.ProcessEnv): PlatformProcess {
  const child = startCli([`--app=${app}`], { ...env, THREATLOOM_PORT: String(port) });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, port, output: () => output };
}

/** Waits for `GET /health/ready` to answer 200, failing with the process output otherwise. */
export async function waitReady(platform: PlatformProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (platform.child.exitCode !== null) {
      throw new Error(`platform exited ${platform.child.exitCode}: ${platform.output()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${platform.port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`platform not ready after ${timeoutMs} ms: ${platform.output()}`);
}

export async function stopRole(platform: PlatformProcess): Promise<void> {
  const { child } = platform;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** POSTs a GraphQL request to a platform, failing on GraphQL errors. */
export async function graphql<T>(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DISTRIBUTED_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
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
      THREATLOOM_ADMIN_TOKEN: DISTRIBUTED_TOKEN,
      THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
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
