import { Inject, Injectable } from '@nestjs/common';
import { ConnectorRegistryService } from '@lib/connectors';
import type { StoredElement } from '@lib/entity-store';
import { KnowledgeFilesService } from '@lib/knowledge';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { WorkListService, WorkService, workCounts } from '@lib/works';
import { UiNotFound } from '../shell/ui-errors';
import type { ConnectorChoice, WorkView } from './io.types';

const WORKS_OF_FILE = 20;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * What the import and export pages read about connectors and works: the import/export
 * connectors registered, and the works of the viewer (his own, or any with MODULES) as views.
 */
@Injectable()
export class IoWorks {
  constructor(
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(WorkListService) private readonly workList: WorkListService,
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
  ) {}

  /** Active connectors of a type (INTERNAL_IMPORT_FILE or INTERNAL_EXPORT_FILE), by name. */
  async connectors(
    type: 'INTERNAL_IMPORT_FILE' | 'INTERNAL_EXPORT_FILE',
  ): Promise<ConnectorChoice[]> {
    const all = await this.registry.list();
    return all
      .filter((c) => c.type === type && c.active)
      .map((c) => ({ id: c.id, name: c.name, scope: c.scope }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The export formats (mime types) the active export connectors make; none without the right. */
  async exportFormats(ctx: AccessContext): Promise<string[]> {
    if (!hasCapability(ctx, 'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT')) return [];
    const formats = new Set<string>();
    for (const c of await this.connectors('INTERNAL_EXPORT_FILE')) {
      c.scope.forEach((s) => formats.add(s));
    }
    return [...formats];
  }

  /** A work the viewer may follow, as a view; not found otherwise. */
  async work(ctx: AccessContext, workId: string): Promise<WorkView> {
    const work = await this.works.find(workId);
    if (!work || !this.follows(ctx, work)) throw new UiNotFound(`The work ${workId}`);
    return this.view(ctx, work);
  }

  /** The works importing a file (newest first) the viewer may follow. */
  async worksOfFile(ctx: AccessContext, fileId: string): Promise<WorkView[]> {
    const works = await this.workList.list({
      first: WORKS_OF_FILE,
      filters: {
        mode: 'and',
        filters: [{ key: ['event_source_id'], values: [fileId] }],
        filterGroups: [],
      },
    });
    const mine = works.filter((w) => this.follows(ctx, w));
    return Promise.all(mine.map((w) => this.view(ctx, w)));
  }

  private follows(ctx: AccessContext, work: StoredElement): boolean {
    return work.attributes.user_id === ctx.userId || hasCapability(ctx, 'MODULES');
  }

  private async view(ctx: AccessContext, work: StoredElement): Promise<WorkView> {
    const a = work.attributes;
    const status = text(a.status) ?? 'wait';
    const source = text(a.event_source_id) ?? '';
    const name = text(a.name) ?? work.internalId;
    const done = status === 'complete' || status === 'timeout';
    const errors = (Array.isArray(a.errors) ? a.errors : [])
      .map((e: { message?: unknown }) => text(e?.message))
      .filter((m): m is string => m !== undefined);
    const messages = (Array.isArray(a.messages) ? a.messages : [])
      .map((e: { message?: unknown }) => text(e?.message))
      .filter((m): m is string => m !== undefined);
    let download: string | undefined;
    if (done && source.startsWith('export/')) {
      download = await this.existing(ctx, `${source}${name}`);
    }
    return {
      id: work.internalId,
      name,
      status,
      done,
      kind: source.startsWith('export/') ? 'export' : 'import',
      counts: workCounts(work),
      errors,
      messages,
      draftId: text(a.draft_context),
      download,
      updatedAt: work.updatedAt,
    };
  }

  /** The file id when the viewer may read it (markings), else undefined. */
  private async existing(ctx: AccessContext, fileId: string): Promise<string | undefined> {
    try {
      await this.files.describe(ctx, fileId);
      return fileId;
    } catch {
      return undefined;
    }
  }
}
