import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import type { SqliteConfig } from '@lib/config';
import { SqliteDatabase } from './sqlite-database';

/** Provides the one embedded database file to every embedded adapter; closes it last. */
@Global()
@Module({})
export class SqliteModule implements OnApplicationShutdown {
  constructor(@Inject(SqliteDatabase) private readonly database: SqliteDatabase) {}

  static forRoot(config: SqliteConfig): DynamicModule {
    return {
      module: SqliteModule,
      providers: [
        {
          provide: SqliteDatabase,
          useFactory: () =>
            new SqliteDatabase({
              path: config.path,
              cacheSizeMb: config.cacheSizeMb,
              mmapMb: config.mmapMb,
              backgroundCheckpoint: true,
              writerThread: true,
            }),
        },
      ],
      exports: [SqliteDatabase],
    };
  }

  onApplicationShutdown(): void {
    this.database.close();
  }
}
