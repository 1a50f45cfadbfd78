import { Get, Inject, Param, Req, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { isTypeOf } from '@lib/stix';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { IoWorks } from '../io/io-works.service';
import { RelationshipRows } from '../knowledge/relationship-rows.service';
import { propertiesOf } from '../knowledge/element-properties.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { EntityFrame, EntityOverview, RelationshipTable } from './entity.page';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** An element's pages: `/entity/<id>` (overview) and its tabs, under the reader's access. */
@UiController('entity')
export class EntityController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(RelationshipRows) private readonly relationshipRows: RelationshipRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
    @Inject(IoWorks) private readonly io: IoWorks,
  ) {}

  @Get(':id')
  @RequireCapabilities('KNOWLEDGE')
  async overview(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element = await this.element(ctx, id);
    const [row] = await this.rows.of(ctx, [element]);
    const refs = await this.store.getMany(ctx, element.refs['external-reference'] ?? []);
    const externalReferences = [...refs.values()].map((r) => ({
      name: str(r.attributes.source_name) ?? str(r.attributes.url) ?? r.standardId,
      url: str(r.attributes.url),
    }));
    await sendHtml(
      res,
      EntityFrame({
        chrome: this.chrome.of(req, res, ctx),
        row: row!,
        tab: '',
        exportFormats: await this.io.exportFormats(ctx),
        editable: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE'),
        children: EntityOverview({
          row: row!,
          description: str(element.attributes.description),
          properties: propertiesOf(element),
          externalReferences,
        }),
      }),
    );
  }

  @Get(':id/relationships')
  @RequireCapabilities('KNOWLEDGE')
  async relationships(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element = await this.element(ctx, id);
    const [row] = await this.rows.of(ctx, [element]);
    const { rows: relationships } = await this.relationshipRows.of(ctx, element, {
      types: ['stix-core-relationship', 'stix-sighting-relationship'],
    });
    await sendHtml(
      res,
      EntityFrame({
        chrome: this.chrome.of(req, res, ctx),
        row: row!,
        tab: 'relationships',
        exportFormats: await this.io.exportFormats(ctx),
        editable: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE'),
        children: RelationshipTable({ rows: relationships }),
      }),
    );
  }

  /** The element by internal id, else by standard or STIX id; visible Stix-Core-Objects only. */
  private async element(ctx: AccessContext, id: string): Promise<StoredElement> {
    const direct = await this.store.get(ctx, id);
    const found = direct ?? (await this.store.resolve(ctx, [id])).get(id)?.[0];
    if (!found || !isTypeOf(found.entityType, 'Stix-Core-Object')) {
      throw new UiNotFound(`The element ${id}`);
    }
    return found;
  }
}
