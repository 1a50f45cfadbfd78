import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { SessionRegistry, UsersService } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { AppError, textOf } from '@lib/kernel';
import { MEMBER_OF, PARTICIPATE_TO } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ACCESS_ADMIN } from '../../graphql/access/access-admin.constants';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange, targetOf } from './admin-audit.util';
import { checked, field, fields, problemOf } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { finishDelete, noticeText, sendConfirmDelete } from './admin-delete.util';
import { AdminLookups, nameOf } from './admin-lookups.service';
import type { Named } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { accessNotice, userAccessOf } from './user-access.util';
import { UserFormPage, UsersPage } from './users.page';
import type { UserFormValues } from './users.page';

const PAGE = 50;

const choices = (all: readonly Named[], chosen: readonly string[]) =>
  all.map((n) => ({ value: n.id, label: n.name, checked: chosen.includes(n.id) }));

function invalid(message: string, key: string): AppError {
  return new AppError({
    code: 'FORM_FIELD_INVALID',
    category: 'validation',
    message,
    details: { key },
  });
}

/** `/admin/users`: list, create, edit (memberships, organizations, status), delete. */
@UiController('admin/users')
export class AdminUsersController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AdminLookups) private readonly lookups: AdminLookups,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities(ACCESS_ADMIN)
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('search') search?: string,
    @Query('after') after?: string,
    @Query('offset') offset?: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const text = typeof search === 'string' ? search.trim().slice(0, 200) : '';
    const [page, groups, orgs] = await Promise.all([
      this.users.list({ first: PAGE, search: text || null, after: after || null }),
      this.lookups.allGroups(),
      this.lookups.organizations(ctx),
    ]);
    const names = new Map([...groups, ...orgs].map((n) => [n.id, n.name]));
    const rows = page.items.map((u) => ({
      id: u.internalId,
      name: nameOf(u),
      email: textOf(u.attributes.user_email) ?? '',
      status: textOf(u.attributes.account_status) ?? 'Active',
      groups: (u.refs[MEMBER_OF] ?? []).map((g) => names.get(g) ?? g),
      organizations: (u.refs[PARTICIPATE_TO] ?? []).flatMap((o) => names.get(o) ?? []),
      created: u.createdAt,
    }));
    const start = Math.max(0, Number(offset) || 0);
    const next = page.pageInfo.hasNextPage && page.pageInfo.endCursor;
    const params = (extra: Record<string, string>) =>
      `/admin/users?${new URLSearchParams({ ...(text ? { search: text } : {}), ...extra }).toString()}`;
    await sendHtml(
      res,
      UsersPage({
        ...adminShell(req, res, this.chrome),
        rows,
        search: text,
        offset: start,
        total: page.pageInfo.globalCount,
        nextHref: next ? params({ after: next, offset: String(start + rows.length) }) : undefined,
        notice: notice === 'deleted' ? 'Deleted.' : undefined,
      }),
    );
  }

  @Get('new')
  @RequireCapabilities(ACCESS_ADMIN)
  async newForm(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    await this.form(req, res, undefined, await this.values(req, { name: '', email: '' }, [], []));
  }

  @Post()
  @RequireCapabilities(ACCESS_ADMIN)
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const input = {
      name: field(body, 'name'),
      user_email: field(body, 'user_email'),
      password: field(body, 'password', false) || null,
      groups: fields(body, 'groups'),
      objectOrganization: fields(body, 'organizations'),
      account_status: checked(body, 'disabled') ? 'Inactive' : 'Active',
    };
    try {
      if (!input.name) throw invalid('Enter a name.', 'name');
      if (!/^[^\s@]+@[^\s@]+$/.test(input.user_email)) {
        throw invalid('Enter a valid email address.', 'user_email');
      }
      const user = await this.users.add(input);
      recordConsoleChange(this.audit, ctx, 'create', targetOf(user), input);
      res.redirect(303, `/admin/users/${user.internalId}?notice=created`);
    } catch (error) {
      const values = await this.values(
        req,
        { name: input.name, email: input.user_email, disabled: checked(body, 'disabled') },
        input.groups,
        input.objectOrganization,
      );
      await this.form(req, res, undefined, values, problemOf(error));
    }
  }

  @Get(':id')
  @RequireCapabilities(ACCESS_ADMIN)
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const user = await this.users.require(id);
    await this.form(req, res, user, await this.storedValues(req, user), undefined, notice);
  }

  @Post(':id')
  @RequireCapabilities(ACCESS_ADMIN)
  async save(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const user = await this.users.require(id);
    const groups = fields(body, 'groups');
    const organizations = fields(body, 'organizations');
    const name = field(body, 'name');
    const password = field(body, 'password', false);
    const disabled = checked(body, 'disabled');
    try {
      if (!name) throw invalid('Enter a name.', 'name');
      if (disabled && user.internalId === ctx.userId) {
        throw invalid('You cannot disable your own account.', 'disabled');
      }
      const patch = [
        { key: 'name', value: [name] },
        { key: 'account_status', value: [disabled ? 'Inactive' : 'Active'] },
        ...(password ? [{ key: 'password', value: [password] }] : []),
      ];
      await this.users.edit(user.internalId, patch);
      const changes = await this.links(user, groups, organizations);
      recordConsoleChange(
        this.audit,
        ctx,
        'update',
        { ...targetOf(user), name },
        {
          patch,
          ...changes,
        },
      );
      res.redirect(303, `/admin/users/${user.internalId}?notice=saved`);
    } catch (error) {
      const values = await this.values(
        req,
        { name, email: textOf(user.attributes.user_email) ?? '', disabled },
        groups,
        organizations,
      );
      await this.form(req, res, user, values, problemOf(error));
    }
  }

  @Get(':id/delete')
  @RequireCapabilities(ACCESS_ADMIN)
  async confirm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const user = await this.users.require(id);
    await sendConfirmDelete(req, res, this.chrome, {
      name: nameOf(user),
      what: `the user ${nameOf(user)} (${textOf(user.attributes.user_email) ?? ''})`,
      href: `/admin/users/${user.internalId}`,
    });
  }

  @Post(':id/delete')
  @RequireCapabilities(ACCESS_ADMIN)
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const user = await this.users.require(id);
    if (user.internalId === ctx.userId) throw invalid('You cannot delete yourself.', 'id');
    await this.users.delete(user.internalId);
    finishDelete(req, res, this.audit, targetOf(user), '/admin/users');
  }

  /** Joins and leaves groups and organizations to match the form; what changed. */
  private async links(user: StoredElement, groups: string[], organizations: string[]) {
    const diff = (current: readonly string[], wanted: readonly string[]) => ({
      add: wanted.filter((w) => !current.includes(w)),
      remove: current.filter((c) => !wanted.includes(c)),
    });
    const g = diff(user.refs[MEMBER_OF] ?? [], groups);
    const o = diff(user.refs[PARTICIPATE_TO] ?? [], organizations);
    for (const id of g.add) await this.users.membership(user.internalId, id, true);
    for (const id of g.remove) await this.users.membership(user.internalId, id, false);
    for (const id of o.add) await this.users.organization(user.internalId, id, true);
    for (const id of o.remove) await this.users.organization(user.internalId, id, false);
    return {
      groups_added: g.add,
      groups_removed: g.remove,
      organizations_added: o.add,
      organizations_removed: o.remove,
    };
  }

  private storedValues(req: AuthenticatedRequest, user: StoredElement) {
    return this.values(
      req,
      {
        name: nameOf(user),
        email: textOf(user.attributes.user_email) ?? '',
        disabled: (textOf(user.attributes.account_status) ?? 'Active') !== 'Active',
      },
      user.refs[MEMBER_OF] ?? [],
      user.refs[PARTICIPATE_TO] ?? [],
    );
  }

  private async values(
    req: AuthenticatedRequest,
    base: { name: string; email: string; disabled?: boolean },
    groups: readonly string[],
    organizations: readonly string[],
  ): Promise<UserFormValues> {
    const [allGroups, allOrgs] = await Promise.all([
      this.lookups.allGroups(),
      this.lookups.organizations(viewerOf(req)),
    ]);
    return {
      name: base.name,
      email: base.email,
      disabled: base.disabled ?? false,
      groups: choices(allGroups, groups),
      organizations: choices(allOrgs, organizations),
    };
  }

  private async form(
    req: AuthenticatedRequest,
    res: Response,
    user: StoredElement | undefined,
    values: UserFormValues,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const access = user
      ? userAccessOf(
          user,
          await this.sessions.sessionsOf(user.internalId),
          this.sessions.listedId(req.sessionID),
        )
      : undefined;
    await sendHtml(
      res,
      UserFormPage({
        ...adminShell(req, res, this.chrome),
        id: user?.internalId,
        values,
        policy: await this.lookups.passwordPolicy(),
        problem,
        notice: noticeText(notice, 'User created.') ?? accessNotice(notice),
        access,
      }),
      problem?.status ?? 200,
    );
  }
}
