import { Module } from '@nestjs/common';
import { WorksModule } from '@lib/works';
import { ConnectorJobsService } from './services/connector-jobs.service';
import { ConnectorKeysService } from './services/connector-keys.service';
import { ConnectorRegistryService } from './services/connector-registry.service';

@Module({
  imports: [WorksModule],
  providers: [ConnectorRegistryService, ConnectorKeysService, ConnectorJobsService],
  exports: [ConnectorRegistryService, ConnectorKeysService, ConnectorJobsService, WorksModule],
})
export class ConnectorsModule {}
