import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { NewWork } from '../work-element.util';
import { newWorkElement, withWorkCompleted } from '../work-element.util';

/** Works (connector-protocol.md §3): created, read and completed here; counted by ingestion commits. */
@Injectable()
export class WorkService {
  private readonly system = systemContext('works');

  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  async create(work: Omit<NewWork, 'now'>): Promise<StoredElement> {
    const element = newWorkElement({ ...work, now: new Date().toISOString() });
    await this.store.commit({
      upserts: [{ element, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
    return element;
  }

  async get(workId: string): Promise<StoredElement> {
    const work = await this.store.get(this.system, workId);
    if (!work || work.entityType !== 'work') {
      throw new AppError({
        code: 'WORK_NOT_FOUND',
        category: 'not_found',
        message: `No work ${workId}`,
      });
    }
    return work;
  }

  async complete(workId: string, message: string): Promise<StoredElement> {
    const work = await this.get(workId);
    const done = withWorkCompleted(work, message, new Date().toISOString());
    await this.store.commit({
      upserts: [{ element: done, expectedVersion: work.version }],
      deletes: [],
      events: [],
    });
    return done;
  }
}
