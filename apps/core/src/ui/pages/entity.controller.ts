import { Get, Inject, Param, Req, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { RelationshipRows } from '../knowledge/relationship-rows.service';
import { externalReferencesOf, propertiesOf } from '../knowledge/element-properties.util';
import { EntityPages } from './entity-pages.service';
import { EntityOverview, RelationshipTable } from './entity.page';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** These two pages take any of the element's ids and offer the export menu. */
const FRAME = { anyId: true, exports: true };

/** An element's pages: `/entity/<id>` (overview) and its tabs, under the reader's access. */
@UiController('entity')
export class EntityController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(RelationshipRows) private readonly relationshipRows: RelationshipRows,
    @Inject(EntityPages) private readonly pages: EntityPages,
  ) {}

  @Get(':id')
  @RequireCapabilities('KNOWLEDGE')
  async overview(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    await this.pages.frame(req, res, { id, tab: '', ...FRAME }, async (ctx, element, row) => {
      const refs = await this.store.getMany(ctx, element.refs['external-reference'] ?? []);
      const externalReferences = externalReferencesOf(element, refs);
      return EntityOverview({
        row,
        description: str(element.attributes.description),
        properties: propertiesOf(element),
        externalReferences,
      });
    });
  }

  @Get(':id/relationships')
  @RequireCapabilities('KNOWLEDGE')
  async relationships(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    await this.pages.frame(
      req,
      res,
      { id, tab: 'relationships', ...FRAME },
      async (ctx, element) => {
        const { rows } = await this.relationshipRows.of(ctx, element, {
          types: ['stix-core-relationship', 'stix-sighting-relationship'],
        });
        return RelationshipTable({ rows, editable: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE') });
      },
    );
  }
}
