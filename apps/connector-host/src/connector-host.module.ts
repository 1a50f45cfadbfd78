import { Module } from '@nestjs/common';
import { BuiltInConnectorsModule } from '@lib/builtin-connectors';

/**
 * The connector-host role: the built-in connectors (THREATLOOM_BUILTIN_CONNECTORS), registered
 * and fed through the same queues as pycti connectors.
 */
@Module({ imports: [BuiltInConnectorsModule] })
export class ConnectorHostModule {}
