import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import type { SearchEngineSettings } from '@lib/config';
import { SearchEngine } from './search-engine.client';

/** One connection to the cluster of the distributed profile, shared by the store and the index. */
@Global()
@Module({})
export class SearchEngineModule implements OnApplicationShutdown {
  constructor(@Inject(SearchEngine) private readonly engine: SearchEngine) {}

  static forRoot(settings: SearchEngineSettings): DynamicModule {
    return {
      module: SearchEngineModule,
      providers: [{ provide: SearchEngine, useFactory: () => SearchEngine.connect(settings) }],
      exports: [SearchEngine],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.close();
  }
}
