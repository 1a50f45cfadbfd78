import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditLogService } from '@lib/audit';
import type { AuditEntry } from '@lib/audit';
import { UsersService } from '@lib/auth';
import { AUDIT_CONFIG } from '@lib/config';
import type { AuditConfig } from '@lib/config';
import type { Filter } from '@lib/kernel';
import { textOf } from '@lib/kernel';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { nameOf } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { AUDIT_SCOPES, AUDIT_TYPES, AuditPage } from './audit.page';
import type { AuditFilters } from './audit.page';

const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pick(value: unknown, allowed?: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const text = value.trim().slice(0, 100);
  return !allowed || allowed.includes(text) ? text : '';
}

function filtersOf(query: Record<string, unknown>): AuditFilters {
  const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : '');
  return {
    user: pick(query.user),
    type: pick(query.type, AUDIT_TYPES),
    scope: pick(query.scope, AUDIT_SCOPES),
    from: day(query.from),
    to: day(query.to),
  };
}

function auditFilterList(f: AuditFilters): Filter[] {
  const eq = (key: string, value: string): Filter => ({
    key: [key],
    values: [value],
    operator: 'eq',
    mode: 'or',
  });
  const next = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000).toISOString();
  return [
    ...(f.user ? [eq('user_id', f.user)] : []),
    ...(f.type ? [eq('event_type', f.type)] : []),
    ...(f.scope ? [eq('event_scope', f.scope)] : []),
    ...(f.from
      ? [{ key: ['timestamp'], values: [`${f.from}T00:00:00.000Z`], operator: 'gte' } as Filter]
      : []),
    ...(f.to ? [{ key: ['timestamp'], values: [next(f.to)], operator: 'lt' } as Filter] : []),
  ];
}

function detailOf(entry: AuditEntry): string {
  const c = entry.context_data;
  if (c.message) return c.message;
  if (c.reason) return c.reason;
  if (c.input) return JSON.stringify(c.input).slice(0, 300);
  return '';
}

/** `/admin/audit`: the audit log, for SETTINGS_SECURITYACTIVITY as the `audits` query. */
@UiController('admin/audit')
export class AdminAuditController {
  constructor(
    @Inject(AuditLogService) private readonly log: AuditLogService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('SETTINGS_SECURITYACTIVITY')
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const filters = filtersOf(query);
    const after = pick(query.after);
    const offset = Math.max(0, Number(query.offset) || 0);
    const list = auditFilterList(filters);
    const [page, users] = await Promise.all([
      this.log.list(ctx, {
        first: PAGE,
        ...(after ? { after } : {}),
        ...(list.length > 0 ? { filters: { mode: 'and', filters: list, filterGroups: [] } } : {}),
      }),
      this.users.list({ first: 500 }),
    ]);
    const rows = page.items.map((e) => ({
      timestamp: e.timestamp,
      user: e.user_name,
      type: e.event_type,
      scope: e.event_scope,
      status: e.event_status,
      target: [e.context_data.entity_type, e.context_data.entity_name].filter(Boolean).join(' '),
      detail: detailOf(e),
    }));
    const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
    const href = (extra: Record<string, string>) =>
      `/admin/audit?${new URLSearchParams({ ...kept, ...extra }).toString()}`;
    const next = page.pageInfo.hasNextPage && page.pageInfo.endCursor;
    await sendHtml(
      res,
      AuditPage({
        ...adminShell(req, res, this.chrome),
        filters,
        users: users.items.map((u) => ({
          value: u.internalId,
          label: `${nameOf(u)} (${textOf(u.attributes.user_email) ?? ''})`,
        })),
        rows,
        offset,
        total: page.pageInfo.globalCount,
        firstHref: after ? href({}) : undefined,
        nextHref: next ? href({ after: next, offset: String(offset + rows.length) }) : undefined,
        retentionDays: this.config.retentionDays,
      }),
    );
  }
}
