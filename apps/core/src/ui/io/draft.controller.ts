import { Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DraftsService } from '@lib/drafts';
import { EntityStore } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { entityTypeOfStix } from '@lib/streams';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { DraftPage } from './draft.page';
import type { DraftObjectRow, DraftReview, DraftTypeCount } from './draft.page';
import { redirectAfterPost } from './redirect.util';

const MAX_ROWS = 500;
const RESOLVE_CHUNK = 500;

const nameOfStix = (o: Record<string, unknown>): string => {
  for (const key of ['name', 'value', 'pattern', 'definition', 'relationship_type', 'opinion']) {
    const v = o[key];
    if (typeof v === 'string' && v) return v;
  }
  return String(o.id);
};

/** "Sedge Panda → uses → Quillwort", the ends named when the draft holds them. */
function relationshipName(o: Record<string, unknown>, names: Map<string, string>): string {
  const end = (key: string) => {
    const ref = typeof o[key] === 'string' ? o[key] : '';
    return names.get(ref) ?? (ref || '?');
  };
  const type = typeof o.relationship_type === 'string' ? o.relationship_type : 'sighting of';
  return o.type === 'sighting'
    ? `${end('sighting_of_ref')} sighted`
    : `${end('source_ref')} → ${type} → ${end('target_ref')}`;
}

/** `/data/drafts/<id>`: review what an import staged, then validate (import) or delete it. */
@UiController('data/drafts')
export class DraftController {
  constructor(
    @Inject(DraftsService) private readonly drafts: DraftsService,
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(':id')
  @RequireCapabilities('KNOWLEDGE')
  async page(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    await sendHtml(
      res,
      DraftPage({
        chrome: this.chrome.of(req, res, ctx),
        draft: await this.review(ctx, id),
        canValidate: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE'),
      }),
    );
  }

  @Post(':id/validate')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async validate(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const draft = await this.found(id);
    if (draft.status !== 'open') {
      // Validated meanwhile (another tab, another analyst): its page says so.
      redirectAfterPost(req, res, `/data/drafts/${encodeURIComponent(draft.id)}`);
      return;
    }
    const workId = await this.drafts.validate(ctx, id);
    redirectAfterPost(req, res, `/data/works/${encodeURIComponent(workId)}`);
  }

  @Post(':id/delete')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    await this.found(id);
    await this.drafts.delete(id);
    redirectAfterPost(req, res, '/data/import');
  }

  private async found(id: string) {
    const draft = await this.drafts.find(id);
    if (!draft) throw new UiNotFound(`The draft ${id}`);
    return draft;
  }

  /** The draft's visible objects, each marked new or an update of an element the viewer sees. */
  private async review(ctx: AccessContext, id: string): Promise<DraftReview> {
    const draft = await this.found(id);
    const objects = await this.drafts.objects(ctx, draft.id);
    const existing = new Set<string>();
    const ids = objects.map((o) => o.id);
    for (let i = 0; i < ids.length; i += RESOLVE_CHUNK) {
      const chunk = ids.slice(i, i + RESOLVE_CHUNK);
      const found = await this.store.resolve(ctx, chunk);
      chunk.filter((ref) => (found.get(ref)?.length ?? 0) > 0).forEach((ref) => existing.add(ref));
    }
    const names = new Map(objects.map((o) => [o.id, nameOfStix(o)]));
    const counts = new Map<string, DraftTypeCount>();
    const rows: DraftObjectRow[] = objects.map((o) => {
      const relationship = o.type === 'relationship' || o.type === 'sighting';
      const entityType = relationship
        ? o.type === 'sighting'
          ? 'Sighting'
          : 'Relationship'
        : entityTypeOfStix(o);
      const action = existing.has(o.id) ? 'update' : 'create';
      const count = counts.get(entityType) ?? { entityType, create: 0, update: 0 };
      count[action] += 1;
      counts.set(entityType, count);
      const name = relationship ? relationshipName(o, names) : nameOfStix(o);
      return { stixId: o.id, entityType, name, action };
    });
    rows.sort((a, b) => a.entityType.localeCompare(b.entityType) || a.name.localeCompare(b.name));
    return {
      id: draft.id,
      name: draft.name,
      status: draft.status,
      createdAt: draft.createdAt,
      validationWorkId: draft.validationWorkId,
      total: objects.length,
      byType: [...counts.values()].sort((a, b) => a.entityType.localeCompare(b.entityType)),
      objects: rows.slice(0, MAX_ROWS),
      more: Math.max(0, rows.length - MAX_ROWS),
    };
  }
}
