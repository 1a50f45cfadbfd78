import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { Config } from './config.types';
import {
  ADMIN_CONFIG,
  AUDIT_CONFIG,
  AUTH_CONFIG,
  CONFIG,
  CONNECTORS_CONFIG,
  HTTP_CONFIG,
  INGESTION_CONFIG,
  RETENTION_CONFIG,
  SSO_CONFIG,
  STREAMS_CONFIG,
} from './config.tokens';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Config): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: config },
      { provide: HTTP_CONFIG, useValue: config.http },
      { provide: ADMIN_CONFIG, useValue: config.admin },
      { provide: AUTH_CONFIG, useValue: config.auth },
      { provide: INGESTION_CONFIG, useValue: config.ingestion },
      { provide: CONNECTORS_CONFIG, useValue: config.connectors },
      { provide: STREAMS_CONFIG, useValue: config.streams },
      { provide: AUDIT_CONFIG, useValue: config.audit },
      { provide: RETENTION_CONFIG, useValue: config.retention },
      { provide: SSO_CONFIG, useValue: config.sso },
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
