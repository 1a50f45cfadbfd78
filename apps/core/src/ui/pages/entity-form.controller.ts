import { Body, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import { KnowledgeCreateService, KnowledgeEditService } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import { isTypeOf } from '@lib/stix';
import { elementHref, typeLabel } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { CREATABLE_TYPES } from '../knowledge/creatable-types.util';
import { nameOf } from '../knowledge/element-rows.service';
import {
  createInputOf,
  editsOf,
  isCreatable,
  localOf,
  parseEntityForm,
  typeFields,
} from '../knowledge/entity-form.util';
import type { EntityFormValues } from '../knowledge/entity-form.util';
import { FormOptions } from '../knowledge/form-options.service';
import { formFailureOf } from '../shell/form-failure.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { EntityFormPage } from './entity-form.page';

type Form = Record<string, unknown>;

const EMPTY: EntityFormValues = {
  name: '',
  description: '',
  confidence: '',
  createdBy: '',
  objectMarking: [],
  objectLabel: [],
  extra: {},
};

/**
 * Create (`/create/<type>`) and edit (`/entity/<id>/edit`) forms, through the services the
 * `<type>Add` and `fieldPatch` mutations use: POST, then redirect to the element's page.
 */
@UiController()
export class EntityFormController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(KnowledgeCreateService) private readonly creates: KnowledgeCreateService,
    @Inject(KnowledgeEditService) private readonly edits: KnowledgeEditService,
    @Inject(FormOptions) private readonly options: FormOptions,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get('create/:type')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async createForm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('type') type: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const listPath = this.creatable(type);
    const extra = Object.fromEntries(typeFields(type).map((f) => [f.key, f.options?.[0] ?? '']));
    await this.renderCreate(req, res, ctx, type, listPath, { ...EMPTY, extra }, {});
  }

  @Post('create/:type')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('type') type: string,
    @Body() body: Form,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const listPath = this.creatable(type);
    const form = parseEntityForm(type, body ?? {});
    if (Object.keys(form.errors).length > 0) {
      await this.renderCreate(req, res, ctx, type, listPath, form.values, form.errors, 400);
      return;
    }
    try {
      const created = await this.creates.create(ctx, type, createInputOf(type, form.values));
      res.redirect(303, elementHref(created.internalId));
    } catch (error) {
      const failure = formFailureOf(error);
      await this.renderCreate(
        req,
        res,
        ctx,
        type,
        listPath,
        form.values,
        {},
        failure.status,
        failure.message,
      );
    }
  }

  @Get('entity/:id/edit')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async editForm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element = await this.element(ctx, id);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const values: EntityFormValues = {
      name: nameOf(element),
      description: str(element.attributes.description),
      confidence:
        typeof element.attributes.confidence === 'number'
          ? String(element.attributes.confidence)
          : '',
      createdBy: element.refs['created-by']?.[0] ?? '',
      objectMarking: element.refs['object-marking'] ?? [],
      objectLabel: element.refs['object-label'] ?? [],
      extra: Object.fromEntries(
        typeFields(element.entityType).map((f) => [
          f.key,
          f.kind === 'datetime'
            ? localOf(element.attributes[f.key])
            : str(element.attributes[f.key]),
        ]),
      ),
    };
    await this.renderEdit(
      req,
      res,
      ctx,
      element.internalId,
      element.entityType,
      nameOf(element),
      values,
      {},
    );
  }

  @Post('entity/:id/edit')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element = await this.element(ctx, id);
    const type = element.entityType;
    const form = parseEntityForm(type, body ?? {});
    const name = nameOf(element);
    if (Object.keys(form.errors).length > 0) {
      await this.renderEdit(
        req,
        res,
        ctx,
        element.internalId,
        type,
        name,
        form.values,
        form.errors,
        400,
      );
      return;
    }
    const edits = editsOf(type, form.values, {
      attributes: element.attributes,
      createdBy: element.refs['created-by']?.[0],
      objectMarking: element.refs['object-marking'] ?? [],
      objectLabel: element.refs['object-label'] ?? [],
    });
    try {
      if (edits.length > 0) await this.edits.fieldPatch(ctx, element.internalId, edits);
      res.redirect(303, elementHref(element.internalId));
    } catch (error) {
      const failure = formFailureOf(error);
      await this.renderEdit(
        req,
        res,
        ctx,
        element.internalId,
        type,
        name,
        form.values,
        {},
        failure.status,
        failure.message,
      );
    }
  }

  private creatable(type: string): string {
    const listPath = CREATABLE_TYPES.get(type);
    if (!listPath) throw new UiNotFound(`A create form for ${type}`);
    return listPath;
  }

  private async element(ctx: AccessContext, id: string) {
    const found = await this.store.get(ctx, id);
    // Types without a name-based form (notes, opinions…) are edited elsewhere (the API).
    if (
      !found ||
      !isTypeOf(found.entityType, 'Stix-Domain-Object') ||
      !isCreatable(found.entityType)
    ) {
      throw new UiNotFound(`The element ${id}`);
    }
    return found;
  }

  private async renderCreate(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    type: string,
    listPath: string,
    values: EntityFormValues,
    errors: Record<string, string>,
    status = 200,
    failure?: string,
  ): Promise<void> {
    await this.render(this.chrome.of(req, res, ctx), ctx, res, status, {
      entityType: type,
      title: `New ${typeLabel(type).toLowerCase()}`,
      action: `/create/${encodeURIComponent(type)}`,
      cancelHref: listPath,
      submitLabel: 'Create',
      values,
      errors,
      failure,
    });
  }

  private async renderEdit(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    id: string,
    type: string,
    name: string,
    values: EntityFormValues,
    errors: Record<string, string>,
    status = 200,
    failure?: string,
  ): Promise<void> {
    await this.render(this.chrome.of(req, res, ctx), ctx, res, status, {
      entityType: type,
      title: `Edit ${name}`,
      action: `${elementHref(id)}/edit`,
      cancelHref: elementHref(id),
      submitLabel: 'Save',
      values,
      errors,
      failure,
    });
  }

  private async render(
    chrome: Chrome,
    ctx: AccessContext,
    res: Response,
    status: number,
    props: {
      entityType: string;
      title: string;
      action: string;
      cancelHref: string;
      submitLabel: string;
      values: EntityFormValues;
      errors: Record<string, string>;
      failure: string | undefined;
    },
  ): Promise<void> {
    const choices = await this.options.all(ctx);
    await sendHtml(
      res,
      EntityFormPage({ ...props, chrome, choices, fields: typeFields(props.entityType) }),
      status,
    );
  }
}
