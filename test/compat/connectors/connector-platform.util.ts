import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { dropRunData, platformGraphql } from '@lib/testing';
import { ROOT, assertBuilt } from '../../support/cli.util';
import { embeddedTestEnv } from '../../support/embedded-platform.util';
import { DISTRIBUTED_TOKEN, distributedEnv, waitFor } from '../../support/distributed.util';

export type ConnectorProfile = 'embedded' | 'distributed';

/** A platform (all roles in this process) that the connectors of one describe block talk to. */
export type ConnectorPlatform = {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
};

/**
 * Starts the platform of a describe block in its beforeAll (embedded in a fresh directory, or
 * distributed on names of its own, dropped in afterAll).
 */
export function usePlatform(
  profile: ConnectorProfile,
  run: string,
  extraEnv: Record<string, string> = {},
): ConnectorPlatform {
  let app: NestExpressApplication | undefined;
  const state = { url: '', port: 0 };
  beforeAll(async () => {
    assertBuilt();
    const env =
      profile === 'embedded'
        ? embeddedTestEnv(DISTRIBUTED_TOKEN)
        : { ...distributedEnv(run), THREATLOOM_PORT: '0', THREATLOOM_HOST: '127.0.0.1' };
    app = await startPlatform(loadConfig({ env: { ...env, ...extraEnv }, appFlag: 'all' }));
    state.url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    state.port = Number(new URL(state.url).port);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    if (profile === 'distributed') await dropRunData(run);
  });
  return {
    get url() {
      return state.url;
    },
    get port() {
      return state.port;
    },
    token: DISTRIBUTED_TOKEN,
    query: <T>(query: string, variables: Record<string, unknown> = {}) =>
      platformGraphql<T>(state.port, DISTRIBUTED_TOKEN, query, variables),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A long-running connector (a script of this folder) on one of the pycti virtualenvs. */
export type RunningConnector = {
  child: ChildProcess;
  stderr(): string;
  /** The JSON lines it printed so far. */
  lines<T = Record<string, unknown>>(): T[];
  stop(): void;
};

/**
 * Starts a listening connector in queue mode `mode`; in `api` mode its jobs come to an HTTP
 * callback on a free port (pycti's `CONNECTOR_LISTEN_PROTOCOL=API`).
 */
export async function spawnConnector(
  platform: ConnectorPlatform,
  venv: string,
  script: string,
  mode: 'api' | 'amqp',
  env: Record<string, string>,
): Promise<RunningConnector> {
  const callbackPort = await freePort();
  const child = spawn(
    join(ROOT, '.cache', 'venvs', venv, 'bin', 'python'),
    [join(__dirname, script)],
    {
      env: {
        ...process.env,
        OPENCTI_URL: platform.url,
        OPENCTI_TOKEN: platform.token,
        CONNECTOR_LOG_LEVEL: 'error',
        CONNECTOR_QUEUE_PROTOCOL: mode,
        ...(mode === 'api'
          ? {
              CONNECTOR_LISTEN_PROTOCOL: 'API',
              CONNECTOR_LISTEN_PROTOCOL_API_PORT: String(callbackPort),
              CONNECTOR_LISTEN_PROTOCOL_API_URI: `http://127.0.0.1:${callbackPort}`,
            }
          : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return {
    child,
    stderr: () => stderr.slice(-3000),
    lines: <T>() =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as T),
    stop: () => child.kill('SIGKILL'),
  };
}

/** Waits for a connector to have registered and (AMQP) to have started consuming. */
export async function registered(platform: ConnectorPlatform, id: string): Promise<void> {
  await waitFor(
    `${id} to register`,
    async () =>
      (
        await platform.query<{ connector: { active: boolean } | null }>(
          `query($id: String!) { connector(id: $id) { active } }`,
          { id },
        )
      ).connector ?? undefined,
    60_000,
  );
  // AMQP: the helper starts consuming its listen queue right after it registered.
  await new Promise((r) => setTimeout(r, 2000));
}

export type FinishedWork = {
  status: string;
  errors: { message: string }[];
  tracking: { import_processed_number: number };
};

/** Waits for a work to complete, and answers it. */
export function workDone(
  platform: ConnectorPlatform,
  workId: string,
  ms = 90_000,
): Promise<FinishedWork> {
  return waitFor(
    `work ${workId} to complete`,
    async () => {
      const { work } = await platform.query<{ work: FinishedWork }>(
        `query($id: ID!) { work(id: $id) { status errors { message } tracking { import_processed_number } } }`,
        { id: workId },
      );
      return work.status === 'complete' ? work : undefined;
    },
    ms,
  );
}

/** What the OASIS stix2-validator (in a pycti virtualenv) says of a bundle. */
export function validateStix(
  venv: string,
  bundle: string,
): Promise<{ valid: boolean; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, '.cache', 'venvs', venv, 'bin', 'python'), [
      join(__dirname, 'validate_stix.py'),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`stix2-validator exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(out) as { valid: boolean; errors: string[] });
    });
    child.stdin.end(bundle);
  });
}

export { uploadGraphql } from '../../support/graphql-upload.util';
