import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackServicesEnv, runNamesEnv } from './distributed-env.util';
import { repoRoot } from './repo-paths.util';

/**
 * A random first port for the platform processes of a test or benchmark (base, base + 1… up to
 * base + span - 1). It stays below Linux's ephemeral range (32768 and up), where outgoing
 * connections to the services take their local ports and could hold the one a process needs.
 */
export function loopbackPortBase(span = 100): number {
  return 10_000 + Math.floor(Math.random() * (32_000 - 10_000 - span));
}

/** Chunks of output a platform process keeps, for the error that reports it. */
const KEPT_CHUNKS = 200;

/**
 * The environment of one platform process on the distributed profile against the loopback
 * services, its index, key, queue and bucket names unique to `run`, its data directory fresh.
 */
export function distributedPlatformEnv(
  run: string,
  admin: { token: string; password: string },
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...loopbackServicesEnv(),
    ...runNamesEnv(run),
    THREATLOOM_PROFILE: 'distributed',
    THREATLOOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'tl-dist-')),
    THREATLOOM_ADMIN_TOKEN: admin.token,
    THREATLOOM_ADMIN_PASSWORD: admin.password,
    THREATLOOM_HOST: '127.0.0.1',
    THREATLOOM_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** A platform process (`bin/threatloom.js --app=<role>`) and the end of what it printed. */
export type PlatformProcess = {
  name: string;
  child: ChildProcess;
  port: number;
  output: () => string;
};

export function startRole(
  app: string,
  port: number,
  env: NodeJS.ProcessEnv,
  options: { name?: string; nodeArgs?: readonly string[] } = {},
): PlatformProcess {
  const bin = join(repoRoot(), 'bin', 'threatloom.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, `--app=${app}`], {
    env: { ...env, THREATLOOM_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(chunk.toString());
    if (chunks.length > KEPT_CHUNKS) chunks.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name: options.name ?? app, child, port, output: () => chunks.join('') };
}

/** Waits for `GET /health/ready` to answer 200, failing with the process output otherwise. */
export async function waitReady(platform: PlatformProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (platform.child.exitCode !== null) {
      throw new Error(`${platform.name} exited ${platform.child.exitCode}: ${platform.output()}`);
    }
    const res = await fetch(`http://127.0.0.1:${platform.port}/health/ready`).catch(
      () => undefined, // Not listening yet.
    );
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${platform.name} not ready after ${timeoutMs} ms: ${platform.output()}`);
}

/** SIGTERM (SIGKILL after 10 s), then closes the pipes. */
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

/** POSTs a GraphQL request to a platform as the bearer of `token`, failing on errors. */
export async function platformGraphql<T>(
  port: number,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!res.ok || body.errors) {
    throw new Error(`GraphQL answered ${res.status}: ${JSON.stringify(body.errors)}`);
  }
  return body.data as T;
}
