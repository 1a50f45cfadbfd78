import { Module } from '@nestjs/common';
import { WorksModule } from '@lib/works';
import { ConnectorKeysService } from './services/connector-keys.service';
import { ConnectorRegistryService } from './services/connector-registry.service';

@Module({
  imports: [WorksModule],
  providers: [ConnectorRegistryService, ConnectorKeysService],
  exports: [ConnectorRegistryService, ConnectorKeysService, WorksModule],
})
export class ConnectorsModule {}
