import { Inject, Injectable } from '@nestjs/common';
import type { Children } from '@kitajs/html';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { isTypeOf } from '@lib/stix';
import type { ElementRow } from '@lib/ui';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { IoWorks } from '../io/io-works.service';
import { ElementRows } from '../knowledge/element-rows.service';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { EntityFrame } from './entity.page';
import { mayAnnotate } from '@lib/knowledge';

/** Which element page: the element's id, the tab; how it finds the element, what it offers. */
export type EntityPageSpec = {
  id: string;
  /** The tab's path segment ('' for the overview). */
  tab: string;
  /** Also accept a standard or STIX id (else the internal id only). */
  anyId?: boolean;
  /** Offer the export menu. */
  exports?: boolean;
};

/** The body of one element page, made from the reader's access, the element and its row. */
export type EntityTabBody = (
  ctx: AccessContext,
  element: StoredElement,
  row: ElementRow,
) => Promise<Children> | Children;

/**
 * What every element page does: load the element under the reader's access (404 when it is not
 * a visible Stix-Core-Object), its row, and send the body inside the element's frame.
 */
@Injectable()
export class EntityPages {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
    @Inject(IoWorks) private readonly io: IoWorks,
  ) {}

  async frame(
    req: AuthenticatedRequest,
    res: Response,
    page: EntityPageSpec,
    body: EntityTabBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element = await this.element(ctx, page.id, page.anyId ?? false);
    const [row] = await this.rows.of(ctx, [element]);
    const children = await body(ctx, element, row!);
    const exportFormats = page.exports ? await this.io.exportFormats(ctx) : undefined;
    await sendHtml(
      res,
      EntityFrame({
        chrome: this.chrome.of(req, res, ctx),
        row: row!,
        tab: page.tab,
        exportFormats,
        editable: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE'),
        annotatable: mayAnnotate(ctx),
        children,
      }),
    );
  }

  private async element(ctx: AccessContext, id: string, anyId: boolean): Promise<StoredElement> {
    const direct = await this.store.get(ctx, id);
    const found =
      direct ?? (anyId ? (await this.store.resolve(ctx, [id])).get(id)?.[0] : undefined);
    if (!found || !isTypeOf(found.entityType, 'Stix-Core-Object')) {
      throw new UiNotFound(`The element ${id}`);
    }
    return found;
  }
}
