import { Module } from '@nestjs/common';
import { IngestionModule } from '@lib/ingestion';
import { BootstrapService } from './services/bootstrap.service';

@Module({ imports: [IngestionModule], providers: [BootstrapService], exports: [BootstrapService] })
export class BootstrapModule {}
