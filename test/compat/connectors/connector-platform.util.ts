import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment of an embedded platform in a fresh data directory, on a free loopback port. */
export function embeddedTestEnv(token: string): Record<string, string> {
  return {
    THREATLOOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'tl-connectors-')),
    THREATLOOM_PORT: '0',
    THREATLOOM_HOST: '127.0.0.1',
    THREATLOOM_ADMIN_TOKEN: token,
    THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
    THREATLOOM_LOG_LEVEL: 'silent',
  };
}
