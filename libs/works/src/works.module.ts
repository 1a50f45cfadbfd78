import { Module } from '@nestjs/common';
import { WorkService } from './services/work.service';

@Module({ providers: [WorkService], exports: [WorkService] })
export class WorksModule {}
