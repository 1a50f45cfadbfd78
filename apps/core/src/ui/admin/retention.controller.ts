import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { RetentionJobService } from '../../retention/retention-job.service';
import { RetentionRulesService } from '../../retention/retention-rules.service';
import type { RetentionRule } from '../../retention/retention-rule.types';
import { FormOptions } from '../knowledge/form-options.service';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange } from './admin-audit.util';
import { finishDelete, noticeText, sendConfirmDelete } from './admin-delete.util';
import { field, fields, problemOf } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { adminShell } from './admin-shell.util';
import { retentionFormInput } from './retention-form-input.util';
import { retentionFormValues } from './retention-form-values.util';
import { EMPTY_RETENTION_FORM } from './retention-form.types';
import type { RetentionFormValues } from './retention-form.types';
import { retentionSummary } from './retention-summary.util';
import { RetentionRuleFormPage, RetentionRulesPage } from './retention.page';

// As `retentionRuleAdd` and the other settings (settingsEdit) require.
const MANAGE = 'SETTINGS_SETPARAMETERS';
const ENTITY_TYPE = 'RetentionRule';

function posted(body: FormBody): RetentionFormValues {
  return {
    name: field(body, 'name'),
    max_retention: field(body, 'max_retention'),
    retention_unit: field(body, 'retention_unit') || 'days',
    entity_types: field(body, 'entity_types'),
    objectLabel: fields(body, 'objectLabel'),
    objectMarking: fields(body, 'objectMarking'),
    createdBy: field(body, 'createdBy'),
    confidence_max: field(body, 'confidence_max'),
    advanced: field(body, 'advanced'),
  };
}

const plural = (n: number) => (n === 1 ? '1 object' : `${n} objects`);

/** `/admin/retention`: the knowledge retention rules; list, create, check, edit, delete. */
@UiController('admin/retention')
export class AdminRetentionController {
  constructor(
    @Inject(RetentionRulesService) private readonly rules: RetentionRulesService,
    @Inject(RetentionJobService) private readonly job: RetentionJobService,
    @Inject(FormOptions) private readonly options: FormOptions,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities(MANAGE)
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const choices = await this.options.all(viewerOf(req));
    const rows = (await this.rules.list()).map((rule) => ({
      id: rule.id,
      name: rule.name,
      selects: retentionSummary(retentionFormValues(rule), choices),
      maxAge: `${rule.maxRetention} ${rule.unit}`,
      lastRun: rule.lastExecutionDate,
      deleted: rule.lastDeletedCount,
      remaining: rule.remainingCount,
    }));
    const shell = adminShell(req, res, this.chrome);
    const text = notice === 'deleted' ? 'Deleted.' : undefined;
    await sendHtml(res, RetentionRulesPage({ ...shell, rows, notice: text }));
  }

  @Get('new')
  @RequireCapabilities(MANAGE)
  async newForm(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    await this.form(req, res, undefined, EMPTY_RETENTION_FORM);
  }

  @Post()
  @RequireCapabilities(MANAGE)
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const values = posted(body);
    try {
      if (field(body, 'intent') === 'check') return await this.check(req, res, undefined, values);
      const ctx = viewerOf(req);
      const input = retentionFormInput(values);
      const created = await this.rules.add(ctx, input);
      const target = { id: created.id, entityType: ENTITY_TYPE, name: created.name };
      recordConsoleChange(this.audit, ctx, 'create', target, input);
      res.redirect(303, `/admin/retention/${created.id}?notice=created`);
    } catch (error) {
      await this.form(req, res, undefined, values, problemOf(error));
    }
  }

  @Get(':id')
  @RequireCapabilities(MANAGE)
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const rule = await this.found(id);
    const text = noticeText(notice, 'Created: the rule runs within a minute or so.');
    await this.form(req, res, rule.id, retentionFormValues(rule), undefined, text);
  }

  @Post(':id')
  @RequireCapabilities(MANAGE)
  async save(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const rule = await this.found(id);
    const values = posted(body);
    try {
      if (field(body, 'intent') === 'check') return await this.check(req, res, rule.id, values);
      const input = retentionFormInput(values);
      const patches = [
        { key: 'name', value: [input.name] },
        { key: 'filters', value: [input.filters ?? ''] },
        { key: 'max_retention', value: [input.max_retention] },
        { key: 'retention_unit', value: [input.retention_unit] },
      ];
      const saved = await this.rules.edit(rule.id, patches);
      const target = { id: saved.id, entityType: ENTITY_TYPE, name: saved.name };
      recordConsoleChange(this.audit, viewerOf(req), 'update', target, patches);
      res.redirect(303, `/admin/retention/${rule.id}?notice=saved`);
    } catch (error) {
      await this.form(req, res, rule.id, values, problemOf(error));
    }
  }

  @Get(':id/delete')
  @RequireCapabilities(MANAGE)
  async confirm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const rule = await this.found(id);
    await sendConfirmDelete(req, res, this.chrome, {
      name: rule.name,
      what: `the retention rule ${rule.name} (what it selects is no longer deleted)`,
      href: `/admin/retention/${rule.id}`,
    });
  }

  @Post(':id/delete')
  @RequireCapabilities(MANAGE)
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const rule = await this.found(id);
    await this.rules.delete(rule.id);
    const target = { id: rule.id, entityType: ENTITY_TYPE, name: rule.name };
    finishDelete(req, res, this.audit, target, '/admin/retention');
  }

  // The dry run: the form again, with how many objects the rule as filled would delete now.
  private async check(
    req: AuthenticatedRequest,
    res: Response,
    id: string | undefined,
    values: RetentionFormValues,
  ): Promise<void> {
    const input = retentionFormInput({ ...values, name: values.name || 'Check' });
    const n = await this.job.check(input);
    const notice = `Check: this rule would delete ${plural(n)} now. Nothing was deleted or saved.`;
    await this.form(req, res, id, values, undefined, notice);
  }

  private async found(id: string): Promise<RetentionRule> {
    const rule = await this.rules.find(id);
    if (!rule) throw new UiNotFound(`The retention rule ${id}`);
    return rule;
  }

  private async form(
    req: AuthenticatedRequest,
    res: Response,
    id: string | undefined,
    values: RetentionFormValues,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const choices = await this.options.all(viewerOf(req));
    const shell = adminShell(req, res, this.chrome);
    await sendHtml(
      res,
      RetentionRuleFormPage({ ...shell, id, values, choices, problem, notice }),
      problem?.status ?? 200,
    );
  }
}
