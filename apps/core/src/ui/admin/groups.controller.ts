import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { GroupsService, UsersService } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { AppError, textOf } from '@lib/kernel';
import { ACCESSES_TO, HAS_ROLE, MEMBER_OF } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ACCESS_ADMIN } from '../../graphql/access/access-admin.constants';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange, targetOf } from './admin-audit.util';
import { checked, field, fields, problemOf, requiredName, wholeNumber } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { finishDelete, noticeText, sendConfirmDelete } from './admin-delete.util';
import { AdminLookups, nameOf } from './admin-lookups.service';
import type { Named } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { GroupFormPage, GroupsPage } from './groups.page';
import type { GroupFormValues } from './groups.page';

const GLOBAL = 'GLOBAL';

type Wanted = {
  roles: string[];
  markings: string[];
  defaultMarkings: string[];
  members: string[];
};

const choices = (all: readonly Named[], chosen: readonly string[]) =>
  all.map((n) => ({ value: n.id, label: n.name, checked: chosen.includes(n.id) }));

const diff = (current: readonly string[], wanted: readonly string[]) => ({
  add: wanted.filter((w) => !current.includes(w)),
  remove: current.filter((c) => !wanted.includes(c)),
});

function defaultsOf(group: StoredElement | undefined): string[] {
  const stored = group?.attributes.default_marking;
  const list = Array.isArray(stored)
    ? (stored as { entity_type?: string; values?: string[] }[])
    : [];
  return list.find((d) => d.entity_type === GLOBAL)?.values ?? [];
}

function confidenceOf(group: StoredElement): number {
  const level = group.attributes.group_confidence_level as { max_confidence?: number } | null;
  return level?.max_confidence ?? 100;
}

/** `/admin/groups`: list, create, edit (roles, markings, members, confidence), delete. */
@UiController('admin/groups')
export class AdminGroupsController {
  constructor(
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AdminLookups) private readonly lookups: AdminLookups,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities(ACCESS_ADMIN)
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const [page, roles, markings, users] = await Promise.all([
      this.groups.list({ first: 500 }),
      this.lookups.allRoles(),
      this.lookups.markings(ctx),
      this.users.list({ first: 5000 }),
    ]);
    const names = new Map([...roles, ...markings].map((n) => [n.id, n.name]));
    const rows = page.items.map((g) => ({
      id: g.internalId,
      name: nameOf(g),
      roles: (g.refs[HAS_ROLE] ?? []).map((r) => names.get(r) ?? r),
      markings: (g.refs[ACCESSES_TO] ?? []).flatMap((m) => names.get(m) ?? []),
      members: users.items.filter((u) => (u.refs[MEMBER_OF] ?? []).includes(g.internalId)).length,
      maxConfidence: confidenceOf(g),
      byDefault: g.attributes.default_assignation === true,
    }));
    await sendHtml(
      res,
      GroupsPage({
        ...adminShell(req, res, this.chrome),
        rows,
        notice: notice === 'deleted' ? 'Deleted.' : undefined,
      }),
    );
  }

  @Get('new')
  @RequireCapabilities(ACCESS_ADMIN)
  async newForm(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const values = await this.values(
      req,
      { name: '', description: '', maxConfidence: '100', byDefault: false },
      { roles: [], markings: [], defaultMarkings: [], members: [] },
    );
    await this.form(req, res, undefined, values);
  }

  @Post()
  @RequireCapabilities(ACCESS_ADMIN)
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const wanted = this.wanted(body);
    try {
      const max = wholeNumber(body, 'max_confidence', 'Max confidence', 0, 100) ?? 100;
      const input = {
        name: field(body, 'name'),
        description: field(body, 'description'),
        default_assignation: checked(body, 'default_assignation'),
        group_confidence_level: { max_confidence: max, overrides: [] },
      };
      await this.checkMarkings(req, wanted);
      const group = await this.groups.add(input);
      await this.apply(group, wanted);
      recordConsoleChange(this.audit, ctx, 'create', targetOf(group), { ...input, ...wanted });
      res.redirect(303, `/admin/groups/${group.internalId}?notice=created`);
    } catch (error) {
      const problem = problemOf(error);
      await this.form(req, res, undefined, await this.posted(req, body, wanted), problem);
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
    const group = await this.groups.require(id);
    const members = await this.groups.members(group.internalId);
    const values = await this.values(
      req,
      {
        name: nameOf(group),
        description: textOf(group.attributes.description) ?? '',
        maxConfidence: String(confidenceOf(group)),
        byDefault: group.attributes.default_assignation === true,
      },
      {
        roles: group.refs[HAS_ROLE] ?? [],
        markings: group.refs[ACCESSES_TO] ?? [],
        defaultMarkings: defaultsOf(group),
        members: members.map((m) => m.internalId),
      },
    );
    await this.form(req, res, group, values, undefined, notice);
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
    const group = await this.groups.require(id);
    const wanted = this.wanted(body);
    try {
      const max = wholeNumber(body, 'max_confidence', 'Max confidence', 0, 100) ?? 100;
      const name = requiredName(field(body, 'name'));
      const patch = [
        { key: 'name', value: [name] },
        { key: 'description', value: [field(body, 'description')] },
        { key: 'default_assignation', value: [checked(body, 'default_assignation')] },
        { key: 'group_confidence_level', value: [{ max_confidence: max, overrides: [] }] },
      ];
      await this.checkMarkings(req, wanted);
      const updated = await this.groups.edit(group.internalId, patch);
      await this.apply(updated, wanted);
      recordConsoleChange(this.audit, ctx, 'update', targetOf(updated), { patch, ...wanted });
      res.redirect(303, `/admin/groups/${group.internalId}?notice=saved`);
    } catch (error) {
      const problem = problemOf(error);
      await this.form(req, res, group, await this.posted(req, body, wanted), problem);
    }
  }

  @Get(':id/delete')
  @RequireCapabilities(ACCESS_ADMIN)
  async confirm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const group = await this.groups.require(id);
    await sendConfirmDelete(req, res, this.chrome, {
      name: nameOf(group),
      what: `the group ${nameOf(group)} (its members lose what it grants)`,
      href: `/admin/groups/${group.internalId}`,
    });
  }

  @Post(':id/delete')
  @RequireCapabilities(ACCESS_ADMIN)
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const group = await this.groups.require(id);
    await this.groups.delete(group.internalId);
    finishDelete(req, res, this.audit, targetOf(group), '/admin/groups');
  }

  private wanted(body: FormBody): Wanted {
    return {
      roles: fields(body, 'roles'),
      markings: fields(body, 'markings'),
      defaultMarkings: fields(body, 'default_markings'),
      members: fields(body, 'members'),
    };
  }

  /** Only markings the admin sees may be granted (as `groupEdit.relationAdd` checks). */
  private async checkMarkings(req: AuthenticatedRequest, wanted: Wanted): Promise<void> {
    const visible = new Set((await this.lookups.markings(viewerOf(req))).map((m) => m.id));
    const unknown = [...wanted.markings, ...wanted.defaultMarkings].filter((m) => !visible.has(m));
    if (unknown.length > 0) {
      throw new AppError({
        code: 'ACCESS_ELEMENT_NOT_FOUND',
        category: 'validation',
        message: `No marking definition ${unknown.join(', ')}`,
        details: { ids: unknown },
      });
    }
  }

  /** Links roles, markings and members to match the form. */
  private async apply(group: StoredElement, wanted: Wanted): Promise<void> {
    const id = group.internalId;
    const roles = diff(group.refs[HAS_ROLE] ?? [], wanted.roles);
    for (const r of roles.add) await this.groups.role(id, r, true);
    for (const r of roles.remove) await this.groups.role(id, r, false);
    const markings = diff(group.refs[ACCESSES_TO] ?? [], wanted.markings);
    for (const m of markings.add) await this.groups.marking(id, m, true);
    for (const m of markings.remove) await this.groups.marking(id, m, false);
    if (wanted.defaultMarkings.join() !== defaultsOf(group).join()) {
      await this.groups.defaultMarking(id, GLOBAL, wanted.defaultMarkings);
    }
    const current = (await this.groups.members(id)).map((m) => m.internalId);
    const members = diff(current, wanted.members);
    for (const u of members.add) await this.users.membership(u, id, true);
    for (const u of members.remove) await this.users.membership(u, id, false);
  }

  private posted(req: AuthenticatedRequest, body: FormBody, wanted: Wanted) {
    return this.values(
      req,
      {
        name: field(body, 'name'),
        description: field(body, 'description'),
        maxConfidence: field(body, 'max_confidence'),
        byDefault: checked(body, 'default_assignation'),
      },
      wanted,
    );
  }

  private async values(
    req: AuthenticatedRequest,
    base: Pick<GroupFormValues, 'name' | 'description' | 'maxConfidence' | 'byDefault'>,
    wanted: Wanted,
  ): Promise<GroupFormValues> {
    const [roles, markings, users] = await Promise.all([
      this.lookups.allRoles(),
      this.lookups.markings(viewerOf(req)),
      this.users.list({ first: 500 }),
    ]);
    const people = users.items.map((u) => ({
      id: u.internalId,
      name: `${nameOf(u)} (${textOf(u.attributes.user_email) ?? ''})`,
    }));
    return {
      ...base,
      roles: choices(roles, wanted.roles),
      markings: choices(markings, wanted.markings),
      defaultMarkings: choices(markings, wanted.defaultMarkings),
      members: choices(people, wanted.members),
    };
  }

  private async form(
    req: AuthenticatedRequest,
    res: Response,
    group: StoredElement | undefined,
    values: GroupFormValues,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    await sendHtml(
      res,
      GroupFormPage({
        ...adminShell(req, res, this.chrome),
        id: group?.internalId,
        values,
        problem,
        notice: noticeText(notice, 'Group created.'),
      }),
      problem?.status ?? 200,
    );
  }
}
