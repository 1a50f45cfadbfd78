import { Module } from '@nestjs/common';
import { WorkListService } from './services/work-list.service';
import { WorkService } from './services/work.service';

@Module({ providers: [WorkService, WorkListService], exports: [WorkService, WorkListService] })
export class WorksModule {}
