import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, loadConfig } from '@lib/config';
import type { Config } from '@lib/config';
import { EntityStoreModule } from '@lib/entity-store';
import { SearchIndexModule } from '@lib/search-index';
import { SqliteModule } from '@lib/sqlite';

export type EmbeddedTestModules = {
  /** The fresh data directory (the caller removes it when done). */
  dir: string;
  config: Config;
  /** Config, SQLite, entity store and search index: what every embedded test module starts from. */
  imports: DynamicModule[];
};

/**
 * The embedded profile on a fresh data directory (`env` added to it), for a Nest test module; on
 * `dir` when given (a restart on the data of an earlier module).
 */
export function embeddedTestModules(
  label: string,
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), `tl-${label}-`)),
): EmbeddedTestModules {
  const config = loadConfig({ env: { ...env, THREATLOOM_DATA_DIR: dir } });
  if (config.store.driver !== 'sqlite') throw new Error(`${label}: the test modules are embedded`);
  return {
    dir,
    config,
    imports: [
      ConfigModule.forRoot(config),
      SqliteModule.forRoot(config.store.sqlite),
      EntityStoreModule.forRoot(config.store, config.events),
      SearchIndexModule.forRoot(config.store),
    ],
  };
}
