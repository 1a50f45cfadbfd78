import { Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditLogService } from '@lib/audit';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { KnowledgeFilesService } from '@lib/knowledge';
import type { KnowledgeFile } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import { isObservableType } from '@lib/stix';
import { ElementTable } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { groupKnowledge } from '../knowledge/knowledge-groups.util';
import { RelationshipRows } from '../knowledge/relationship-rows.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { EntityPages } from './entity-pages.service';
import { FilesTab, HistoryTab, KnowledgeTab, SightingsTab } from './entity-tabs.page';
import type { FileRow, HistoryRow } from './entity-tabs.page';

const HISTORY_SIZE = 100;
const text = (value: string | null): string => {
  if (value === null) return '—';
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
};

/** An element's tabs: knowledge, sightings, indicators/observables, files, history. */
@UiController('entity')
export class EntityTabsController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(ElementRows) private readonly elementRows: ElementRows,
    @Inject(RelationshipRows) private readonly relationships: RelationshipRows,
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
    @Inject(AuditLogService) private readonly audit: AuditLogService,
    @Inject(EntityPages) private readonly pages: EntityPages,
  ) {}

  @Get(':id/knowledge')
  @RequireCapabilities('KNOWLEDGE')
  async knowledge(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    await this.pages.frame(req, res, { id, tab: 'knowledge' }, async (ctx, element) => {
      const { rows } = await this.relationships.of(ctx, element, {
        types: ['stix-core-relationship'],
      });
      return KnowledgeTab({ groups: groupKnowledge(rows) });
    });
  }

  @Get(':id/sightings')
  @RequireCapabilities('KNOWLEDGE')
  async sightings(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    await this.pages.frame(req, res, { id, tab: 'sightings' }, async (ctx, element) => {
      const { rows } = await this.relationships.of(ctx, element, {
        types: ['stix-sighting-relationship'],
      });
      return SightingsTab({ rows });
    });
  }

  @Get(':id/observables')
  @RequireCapabilities('KNOWLEDGE')
  async observables(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ) {
    await this.pages.frame(req, res, { id, tab: 'observables' }, (ctx, element) => {
      if (element.entityType !== 'Indicator') throw new UiNotFound('This tab');
      return this.basedOn(ctx, element, 'from', 'Observables this indicator is based on');
    });
  }

  @Get(':id/indicators')
  @RequireCapabilities('KNOWLEDGE')
  async indicators(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ) {
    await this.pages.frame(req, res, { id, tab: 'indicators' }, (ctx, element) => {
      if (!isObservableType(element.entityType)) throw new UiNotFound('This tab');
      return this.basedOn(ctx, element, 'to', 'Indicators based on this observable');
    });
  }

  @Get(':id/files')
  @RequireCapabilities('KNOWLEDGE')
  async fileList(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    await this.pages.frame(req, res, { id, tab: 'files' }, async (ctx, element) => {
      const row =
        (kind: FileRow['kind']) =>
        (f: KnowledgeFile): FileRow => ({
          id: f.id,
          name: f.name,
          size: f.size,
          lastModified: f.lastModified,
          kind,
          status: f.uploadStatus,
        });
      const [imports, exports] = await Promise.all([
        this.files.list(ctx, element.internalId),
        this.files.listExports(ctx, element.internalId),
      ]);
      return FilesTab({ files: [...imports.map(row('Import')), ...exports.map(row('Export'))] });
    });
  }

  @Get(':id/history')
  @RequireCapabilities('KNOWLEDGE')
  async history(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    await this.pages.frame(req, res, { id, tab: 'history' }, async (ctx, element) => {
      // The audit log's entries about the element, under the reader's markings (an entry carries
      // the element's markings at the time).
      const page = await this.audit.list(ctx, {
        first: HISTORY_SIZE,
        filters: {
          mode: 'and',
          filters: [
            { key: ['context_data.entity_id'], values: [element.internalId] },
            { key: ['event_type'], values: ['mutation', 'file'] },
          ],
          filterGroups: [],
        },
      });
      const rows: HistoryRow[] = page.items.map((entry) => ({
        timestamp: entry.timestamp,
        user: entry.user_name,
        scope: entry.event_scope,
        message: entry.context_data.message ?? '',
        changes: (entry.context_data.changes ?? []).map((c) => ({
          field: c.field,
          previous: text(c.previous),
          next: text(c.new),
        })),
      }));
      return HistoryTab({ rows });
    });
  }

  private async basedOn(
    ctx: AccessContext,
    element: StoredElement,
    side: 'from' | 'to',
    caption: string,
  ): Promise<JSX.Element> {
    const { rows } = await this.relationships.of(ctx, element, { types: ['based-on'], side });
    const ids = rows.flatMap((r) => (r.other ? [r.other.id] : []));
    const others = await this.store.getMany(ctx, ids);
    const elements = ids.flatMap((i) => {
      const found = others.get(i);
      return found ? [found] : [];
    });
    return ElementTable({ rows: await this.elementRows.of(ctx, elements), caption });
  }
}
