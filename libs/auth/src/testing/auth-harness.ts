import { rmSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { CacheModule } from '@lib/cache';
import { embeddedTestModules } from '@lib/testing';
import { AccessDirectory } from '../admin/access-directory.service';
import { AuthModule } from '../auth.module';

/** The auth module over real embedded adapters on a temporary data directory. */
export type AuthHarness = {
  module: TestingModule;
  /** Closes the module and removes its data directory. */
  close(): Promise<void>;
};

/**
 * Starts the auth module (with the store, search index and cache it needs) on a fresh data
 * directory, `env` added to its configuration, and creates the platform settings element with
 * the given attributes.
 */
export async function startAuthHarness(
  settings: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<AuthHarness> {
  const { dir, config, imports } = embeddedTestModules('auth', env);
  const module = await Test.createTestingModule({
    imports: [...imports, CacheModule.forRoot(config.cache), AuthModule],
  }).compile();
  await module.init();
  await module
    .get(AccessDirectory)
    .create(
      'Settings',
      settings,
      {},
      { internalId: SETTINGS_INTERNAL_ID, standardId: `settings--${SETTINGS_INTERNAL_ID}` },
    );
  return {
    module,
    close: async () => {
      await module.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
