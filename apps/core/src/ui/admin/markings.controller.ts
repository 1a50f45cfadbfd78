import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import {
  KnowledgeCreateService,
  KnowledgeDeleteService,
  KnowledgeEditService,
} from '@lib/knowledge';
import type { EditInput } from '@lib/knowledge';
import { AppError, textOf } from '@lib/kernel';
import { hasCapability } from '@lib/rbac';
import { BOOTSTRAP_MARKINGS } from '@lib/stix';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange } from './admin-audit.util';
import type { AdminTarget } from './admin-audit.util';
import { finishDelete, noticeText, sendConfirmDelete } from './admin-delete.util';
import { field, problemOf, wholeNumber } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { AdminLookups } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { MarkingFormPage } from './marking-form.page';
import type { MarkingFormValues } from './marking-form.page';
import { MarkingsPage } from './markings.page';

// `markingDefinitionAdd` is a knowledge create: the GraphQL mutation requires this capability.
const CREATE = 'KNOWLEDGE_KNUPDATE';
const DELETE = 'KNOWLEDGE_KNUPDATE_KNDELETE';
const COLOR = /^#[0-9a-fA-F]{6}$/;
const BUILT_IN = new Set(BOOTSTRAP_MARKINGS.map((m) => m.standardId));

/** The checked input of a marking form (create or edit); the order as a number. */
function markingInput(values: MarkingFormValues, body: FormBody) {
  if (!values.definition_type) throw invalid('Enter a type.', 'definition_type');
  if (!values.definition) throw invalid('Enter a definition.', 'definition');
  if (values.x_opencti_color && !COLOR.test(values.x_opencti_color)) {
    throw invalid('The colour must look like #1f5fbf.', 'x_opencti_color');
  }
  return {
    definition_type: values.definition_type,
    definition: values.definition,
    x_opencti_color: values.x_opencti_color,
    x_opencti_order: wholeNumber(body, 'x_opencti_order', 'Order', 0, 100) ?? 0,
  };
}

function formValues(marking: StoredElement): MarkingFormValues {
  const a = marking.attributes;
  return {
    definition_type: textOf(a.definition_type) ?? '',
    definition: textOf(a.definition) ?? '',
    x_opencti_color: textOf(a.x_opencti_color) ?? '#9aa4b2',
    x_opencti_order: String(typeof a.x_opencti_order === 'number' ? a.x_opencti_order : 0),
  };
}

function markingTarget(marking: StoredElement): AdminTarget {
  return {
    id: marking.internalId,
    entityType: marking.entityType,
    name: textOf(marking.attributes.definition) ?? marking.internalId,
  };
}

function invalid(message: string, key: string): AppError {
  return new AppError({
    code: 'FORM_FIELD_INVALID',
    category: 'validation',
    message,
    details: { field: key },
  });
}

/**
 * `/admin/markings`: marking definitions with their colours, creating one, editing one (colour and
 * order; type and definition too unless it is a TLP/PAP marking) and deleting one of our own.
 */
@UiController('admin/markings')
export class AdminMarkingsController {
  constructor(
    @Inject(AdminLookups) private readonly lookups: AdminLookups,
    @Inject(KnowledgeCreateService) private readonly create: KnowledgeCreateService,
    @Inject(KnowledgeEditService) private readonly edits: KnowledgeEditService,
    @Inject(KnowledgeDeleteService) private readonly deletes: KnowledgeDeleteService,
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    await this.render(req, res, {}, undefined, notice);
  }

  @Post()
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async add(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const values: MarkingFormValues = {
      definition_type: field(body, 'definition_type'),
      definition: field(body, 'definition'),
      x_opencti_color: field(body, 'x_opencti_color'),
      x_opencti_order: field(body, 'x_opencti_order'),
    };
    try {
      if (!hasCapability(ctx, CREATE)) {
        throw new AppError({
          code: 'FORBIDDEN',
          category: 'forbidden',
          message: `Creating a marking needs the ${CREATE} capability`,
        });
      }
      const input = markingInput(values, body);
      await this.create.create(ctx, 'Marking-Definition', {
        ...input,
        x_opencti_color: input.x_opencti_color || null,
      });
      res.redirect(303, '/admin/markings?notice=created');
    } catch (error) {
      await this.render(req, res, values, problemOf(error));
    }
  }

  @Get(':id')
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const marking = await this.marking(req, id);
    await this.form(req, res, marking, formValues(marking), undefined, noticeText(notice, ''));
  }

  @Post(':id')
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async save(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const marking = await this.marking(req, id);
    const current = formValues(marking);
    const builtIn = BUILT_IN.has(marking.standardId);
    const values: MarkingFormValues = {
      definition_type: builtIn ? current.definition_type : field(body, 'definition_type'),
      definition: builtIn ? current.definition : field(body, 'definition'),
      x_opencti_color: field(body, 'x_opencti_color'),
      x_opencti_order: field(body, 'x_opencti_order'),
    };
    try {
      if (!values.x_opencti_color) throw invalid('Choose a colour.', 'x_opencti_color');
      const wanted: Record<keyof MarkingFormValues, unknown> = markingInput(values, body);
      const patch: EditInput[] = (Object.keys(wanted) as (keyof MarkingFormValues)[])
        .filter((key) => String(wanted[key]) !== current[key])
        .map((key) => ({ key, value: [wanted[key]] }));
      if (patch.length > 0) {
        const updated = await this.edits.fieldPatch(ctx, marking.internalId, patch);
        recordConsoleChange(this.audit, ctx, 'update', markingTarget(updated), { patch });
      }
      res.redirect(303, `/admin/markings/${marking.internalId}?notice=saved`);
    } catch (error) {
      await this.form(req, res, marking, values, problemOf(error));
    }
  }

  @Get(':id/delete')
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async confirm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const marking = await this.deletable(req, id);
    const name = markingTarget(marking).name;
    await sendConfirmDelete(req, res, this.chrome, {
      name,
      what: `the marking ${name} (what it marks loses this marking; groups no longer grant it)`,
      href: `/admin/markings/${marking.internalId}`,
    });
  }

  @Post(':id/delete')
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const marking = await this.deletable(req, id);
    await this.deletes.delete(viewerOf(req), marking.internalId);
    finishDelete(req, res, this.audit, markingTarget(marking), '/admin/markings');
  }

  private async marking(req: AuthenticatedRequest, id: string): Promise<StoredElement> {
    const marking = await this.store.get(viewerOf(req), id);
    if (marking?.entityType !== 'Marking-Definition') {
      throw new UiNotFound(`The marking definition ${id}`);
    }
    return marking;
  }

  private async deletable(req: AuthenticatedRequest, id: string): Promise<StoredElement> {
    const marking = await this.marking(req, id);
    if (BUILT_IN.has(marking.standardId)) {
      throw new AppError({
        code: 'MARKING_BUILT_IN',
        category: 'forbidden',
        message: `${markingTarget(marking).name} is one of the platform's TLP and PAP markings: it cannot be deleted`,
      });
    }
    return marking;
  }

  private async form(
    req: AuthenticatedRequest,
    res: Response,
    marking: StoredElement,
    values: MarkingFormValues,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    await sendHtml(
      res,
      MarkingFormPage({
        ...adminShell(req, res, this.chrome),
        id: marking.internalId,
        builtIn: BUILT_IN.has(marking.standardId),
        canDelete: hasCapability(ctx, DELETE),
        values,
        problem,
        notice,
      }),
      problem?.status ?? 200,
    );
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    values: Readonly<Record<string, string>>,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    await sendHtml(
      res,
      MarkingsPage({
        ...adminShell(req, res, this.chrome),
        markings: await this.lookups.markings(ctx),
        canCreate: hasCapability(ctx, CREATE),
        values,
        problem,
        notice: notice === 'deleted' ? 'Deleted.' : noticeText(notice, 'Marking created.'),
      }),
      problem?.status ?? 200,
    );
  }
}
