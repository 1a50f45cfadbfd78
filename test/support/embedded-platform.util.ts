import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { assertBuilt } from './cli.util';

/** What every test admin logs in with besides its token. */
export const TEST_ADMIN_PASSWORD = 'correct horse battery';

/**
 * The environment of an embedded platform on a free loopback port, silent, with a known admin
 * token, in `dataDir` (a fresh temporary directory when not given).
 */
export function embeddedTestEnv(
  token: string,
  extra: Record<string, string> = {},
  dataDir?: string,
): Record<string, string> {
  return {
    THREATLOOM_DATA_DIR: dataDir ?? mkdtempSync(join(tmpdir(), 'tl-test-')),
    THREATLOOM_PORT: '0',
    THREATLOOM_HOST: '127.0.0.1',
    THREATLOOM_ADMIN_TOKEN: token,
    THREATLOOM_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    THREATLOOM_LOG_LEVEL: 'silent',
    ...extra,
  };
}

export type EmbeddedPlatform = { app: NestExpressApplication; url: string; port: number };

/** Starts an embedded platform in this process; its loopback URL and port. */
export async function startEmbedded(
  env: Record<string, string>,
  appFlag: string,
): Promise<EmbeddedPlatform> {
  const app = await startPlatform(loadConfig({ env, appFlag }));
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, port: Number(new URL(url).port) };
}

/**
 * The embedded platform of a describe block: started (role `appFlag`, a fresh data directory,
 * `extra` added to `embeddedTestEnv`) in its beforeAll, after checking the build; closed and its
 * directory removed in its afterAll. Read `url` and `port` from the tests.
 */
export function useEmbeddedPlatform(
  token: string,
  extra: Record<string, string> = {},
  appFlag = 'core',
): { readonly url: string; readonly port: number } {
  let platform: EmbeddedPlatform | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    assertBuilt();
    const env = embeddedTestEnv(token, extra);
    dataDir = env.THREATLOOM_DATA_DIR;
    platform = await startEmbedded(env, appFlag);
  }, 120_000);
  afterAll(async () => {
    await platform?.app.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const started = () => {
    if (!platform) throw new Error('The embedded platform is not started (beforeAll failed?)');
    return platform;
  };
  return {
    get url() {
      return started().url;
    },
    get port() {
      return started().port;
    },
  };
}
