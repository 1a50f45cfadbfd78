import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@lib/connectors';
import { BuiltInConnectorsHost } from './services/builtin-connectors.host';

/** The built-in connectors, run by the connector-host role. */
@Module({
  imports: [ConnectorsModule],
  providers: [BuiltInConnectorsHost],
  exports: [BuiltInConnectorsHost],
})
export class BuiltInConnectorsModule {}
