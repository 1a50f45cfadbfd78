import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange } from './admin-audit.util';
import { problemOf } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { finishDelete, noticeText, sendConfirmDelete } from './admin-delete.util';
import { adminShell } from './admin-shell.util';
import {
  COLLECTION_KINDS,
  CollectionKinds,
  KIND_FLAGS,
  KIND_LABELS,
  postedValues,
  valuesOf,
} from './collection-kinds.service';
import type { CollectionKind, CollectionValues } from './collection-kinds.service';
import { CollectionFormPage, CollectionsPage } from './collections.page';

// The mutations (`streamCollectionAdd`, `taxiiCollectionAdd`, `feedAdd`…) require this.
const MANAGE = 'TAXIIAPI_SETCOLLECTIONS';
const ENTITY_TYPES: Readonly<Record<CollectionKind, string>> = {
  streams: 'StreamCollection',
  taxii: 'TaxiiCollection',
  feeds: 'Feed',
};
const paths = (suffix: string) => COLLECTION_KINDS.map((k) => `${k}${suffix}`);

function kindOf(req: AuthenticatedRequest): CollectionKind {
  const segment = req.path.split('/')[2] ?? '';
  const kind = COLLECTION_KINDS.find((k) => k === segment);
  if (!kind) throw new UiNotFound(`The page ${req.path}`);
  return kind;
}

/** `/admin/streams`, `/admin/taxii`, `/admin/feeds`: list, create, edit, delete. */
@UiController('admin')
export class AdminCollectionsController {
  constructor(
    @Inject(CollectionKinds) private readonly kinds: CollectionKinds,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(paths(''))
  @RequireCapabilities(MANAGE)
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const kind = kindOf(req);
    const flags = KIND_FLAGS[kind];
    const rows = (await this.kinds.list(kind)).map((c) => {
      const values = valuesOf(kind, c);
      return {
        id: c.id,
        name: c.name,
        description: c.description,
        flags: flags.filter(([key]) => values[key] === true).map(([, label]) => label),
        filtered: c.filters.trim() !== '',
        updated: c.updatedAt,
      };
    });
    await sendHtml(
      res,
      CollectionsPage({
        ...adminShell(req, res, this.chrome),
        kind,
        rows,
        notice: notice === 'deleted' ? 'Deleted.' : undefined,
      }),
    );
  }

  @Get(paths('/new'))
  @RequireCapabilities(MANAGE)
  async newForm(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const kind = kindOf(req);
    const defaults: CollectionValues = kind === 'streams' ? { stream_live: true } : {};
    await this.form(req, res, kind, undefined, { include_header: true, ...defaults });
  }

  @Post(paths(''))
  @RequireCapabilities(MANAGE)
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const kind = kindOf(req);
    const values = postedValues(kind, body);
    try {
      const { created, input } = await this.kinds.add(ctx, kind, values);
      recordConsoleChange(
        this.audit,
        ctx,
        'create',
        { id: created.id, entityType: ENTITY_TYPES[kind], name: created.name },
        input,
      );
      res.redirect(303, `/admin/${kind}/${created.id}?notice=created`);
    } catch (error) {
      await this.form(req, res, kind, undefined, values, problemOf(error));
    }
  }

  @Get(paths('/:id'))
  @RequireCapabilities(MANAGE)
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const kind = kindOf(req);
    const found = await this.kinds.find(kind, id);
    if (!found) throw new UiNotFound(`The ${KIND_LABELS[kind].one} ${id}`);
    await this.form(req, res, kind, found.id, valuesOf(kind, found), undefined, notice);
  }

  @Post(paths('/:id'))
  @RequireCapabilities(MANAGE)
  async save(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const kind = kindOf(req);
    const found = await this.kinds.find(kind, id);
    if (!found) throw new UiNotFound(`The ${KIND_LABELS[kind].one} ${id}`);
    const values = postedValues(kind, body);
    try {
      const patches = await this.kinds.edit(kind, found.id, values);
      recordConsoleChange(
        this.audit,
        ctx,
        'update',
        { id: found.id, entityType: ENTITY_TYPES[kind], name: String(values.name) },
        patches,
      );
      res.redirect(303, `/admin/${kind}/${found.id}?notice=saved`);
    } catch (error) {
      await this.form(req, res, kind, found.id, values, problemOf(error));
    }
  }

  @Get(paths('/:id/delete'))
  @RequireCapabilities(MANAGE)
  async confirm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const kind = kindOf(req);
    const found = await this.kinds.find(kind, id);
    if (!found) throw new UiNotFound(`The ${KIND_LABELS[kind].one} ${id}`);
    await sendConfirmDelete(req, res, this.chrome, {
      name: found.name,
      what: `the ${KIND_LABELS[kind].one} ${found.name} (its clients stop receiving data)`,
      href: `/admin/${kind}/${found.id}`,
    });
  }

  @Post(paths('/:id/delete'))
  @RequireCapabilities(MANAGE)
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const kind = kindOf(req);
    const found = await this.kinds.find(kind, id);
    if (!found) throw new UiNotFound(`The ${KIND_LABELS[kind].one} ${id}`);
    await this.kinds.delete(kind, found.id);
    const target = { id: found.id, entityType: ENTITY_TYPES[kind], name: found.name };
    finishDelete(req, res, this.audit, target, `/admin/${kind}`);
  }

  private async form(
    req: AuthenticatedRequest,
    res: Response,
    kind: CollectionKind,
    id: string | undefined,
    values: CollectionValues,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    await sendHtml(
      res,
      CollectionFormPage({
        ...adminShell(req, res, this.chrome),
        kind,
        id,
        values,
        problem,
        notice: noticeText(notice, 'Created.'),
      }),
      problem?.status ?? 200,
    );
  }
}
