import { Logger } from '@nestjs/common';
import type { EntityStore } from '@lib/entity-store';
import type { IngestionService } from '@lib/ingestion';
import { AppError } from '@lib/kernel';
import type { KnowledgeDeleteService, KnowledgeMergeService } from '@lib/knowledge';
import { systemContext } from '@lib/rbac';
import type { StreamConnector, StreamMessage } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';

export const SYNC_CONNECTOR_ID = 'threatloom-sync';

/** Objects applied in one ingestion run at most. */
const BATCH = 500;

type Stix = Record<string, unknown> & { id: string };

export type SyncDeps = {
  ingestion: IngestionService;
  deleter: KnowledgeDeleteService;
  merger: KnowledgeMergeService;
  store: EntityStore;
};

/**
 * `sync` (STREAM): mirrors another platform's live stream. Creates and updates are applied in
 * order as full-sync upserts (the remote state replaces the local one, removals included),
 * batched into one ingestion run (one work) until a delete or merge, the batch size or a quiet
 * stream; deletes and merges are replayed on the local elements. The position is saved only
 * after what came before it is applied.
 */
export function platformSync(
  settings: { url: string; token: string; stream: string },
  deps: SyncDeps,
): StreamConnector {
  const logger = new Logger('SyncConnector');
  const ctx = systemContext('sync');
  let pending: Stix[] = [];

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const objects = pending;
    pending = [];
    const report = await deps.ingestion.importBundle(
      { type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects },
      {
        ctx,
        connectorId: SYNC_CONNECTOR_ID,
        workName: `Sync from ${settings.url} @ ${new Date().toISOString()}`,
        synchronized: true,
        origin: { referer: 'sync', source: settings.url },
      },
    );
    if (report.rejections.length > 0) {
      logger.warn(
        `Sync: ${report.rejections.length} of ${objects.length} objects rejected (work ${report.workId})`,
      );
    }
  };

  const localIds = async (stixIds: readonly string[]): Promise<string[]> => {
    const found = await deps.store.resolve(ctx, stixIds);
    return stixIds.flatMap((id) => (found.get(id) ?? []).slice(0, 1).map((e) => e.internalId));
  };

  const remove = async (stixId: string): Promise<void> => {
    const [local] = await localIds([stixId]);
    if (!local) return;
    try {
      await deps.deleter.delete(ctx, local);
    } catch (error) {
      // Already gone with a cascade (a relationship of a deleted entity).
      if (!(error instanceof AppError && error.category === 'not_found')) throw error;
    }
  };

  const merge = async (target: Stix, sources: readonly Stix[]): Promise<void> => {
    const [local] = await localIds([target.id]);
    const absorbed = (await localIds(sources.map((s) => s.id))).filter((id) => id !== local);
    if (local && absorbed.length > 0) {
      await deps.merger.merge(ctx, local, absorbed);
    } else {
      await Promise.all(sources.map((s) => remove(s.id)));
    }
    pending.push(target);
    await flush();
  };

  return {
    kind: 'stream',
    registration: builtInRegistration({
      id: SYNC_CONNECTOR_ID,
      name: 'Platform sync (built-in)',
      type: 'STREAM',
      scope: [],
    }),
    stream: settings.stream,
    remote: { url: settings.url, token: settings.token },
    deliver: async (message: StreamMessage) => {
      const data = message.data.data as Stix | undefined;
      if (!data || typeof data.id !== 'string') return;
      switch (message.event) {
        case 'create':
        case 'update':
          pending.push(data);
          if (pending.length >= BATCH) await flush();
          return;
        case 'delete':
          await flush();
          await remove(data.id);
          return;
        case 'merge': {
          await flush();
          const context = message.data.context as { sources?: Stix[] } | undefined;
          await merge(data, context?.sources ?? []);
          return;
        }
        default:
          return;
      }
    },
    flush,
  };
}
