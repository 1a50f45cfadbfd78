import { Inject, Injectable } from '@nestjs/common';
import { INGESTION_CONFIG } from '@lib/config';
import type { IngestionConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { readBundle } from '@lib/stix';
import { WorkService, ignoringDeletedWork, newWorkElement } from '@lib/works';
import type { WorkProgress } from '@lib/works';
import type { IngestionReport, IngestionRunOptions } from '../ingestion.types';
import { IngestionRun } from './ingestion-run';
import { WriteTurns } from '../internal/write-turns';

/** The write path's entry point: every import (files, API, connectors, TAXII) goes through a run. */
@Injectable()
export class IngestionService {
  /** The process's runs take turns at the store (see WriteTurns). */
  private readonly turns = new WriteTurns();

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  /** Opens a work (see `IngestionRunOptions.work`); feed it bundles with `addObjects`, then `finish`. */
  async openRun(options: IngestionRunOptions): Promise<IngestionRun> {
    const mode = options.work ?? 'new';
    const described = {
      connectorId: options.connectorId,
      name: options.workName,
      userId: options.ctx.userId,
    };
    // Every run of this service shares its turns.
    const run = (
      work: StoredElement,
      persistWork: boolean,
      reporter?: (progress: WorkProgress) => Promise<void>,
    ) =>
      new IngestionRun(this.store, this.config, options, work, persistWork, reporter, this.turns);
    if (mode === 'none') {
      return run(newWorkElement({ ...described, now: new Date().toISOString() }), false);
    }
    if (mode === 'new') {
      return run(await this.works.create(described), true);
    }
    const work = await this.works.get(mode.workId);
    if (!mode.followed) {
      return run(work, true);
    }
    // A followed work: its counts go to the work as reports (side by side with other runs and
    // with its sender's own updates), not inside the data transactions.
    const reporter = (progress: WorkProgress) =>
      ignoringDeletedWork(this.works.report(work.internalId, progress));
    const counters = newWorkElement({ ...described, now: work.createdAt });
    return run({ ...counters, internalId: work.internalId }, false, reporter);
  }

  /** Imports one bundle (2.0, 2.1, or a bare object) as one work. */
  async importBundle(bundle: unknown, options: IngestionRunOptions): Promise<IngestionReport> {
    const { objects, specVersion } = readBundle(bundle);
    const run = await this.openRun(options);
    await run.addObjects(objects, { specVersion });
    return run.finish();
  }
}
