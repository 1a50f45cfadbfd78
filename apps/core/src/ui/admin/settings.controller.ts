import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { SettingsService } from '@lib/auth';
import { CONFIG } from '@lib/config';
import type { Config } from '@lib/config';
import type { StoredElement } from '@lib/entity-store';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange } from './admin-audit.util';
import { checked, field, fields, problemOf } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { AdminLookups } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { POLICY_FIELDS, SettingsPage, TEXT_FIELDS } from './settings.page';
import type { RetentionView } from './settings.page';

const ADMIN = 'SETTINGS_SETPARAMETERS';
const SETTINGS_TARGET = (id: string) => ({
  id,
  entityType: 'Settings',
  name: 'Platform settings',
});
const EDITED = [
  ...TEXT_FIELDS.map(([k]) => k),
  'platform_banner_level',
  'platform_organization',
  ...POLICY_FIELDS.map(([k]) => k),
];

function storedValues(settings: StoredElement): Record<string, string> {
  return Object.fromEntries(
    EDITED.map((key) => {
      const value = settings.attributes[key];
      return [key, typeof value === 'string' || typeof value === 'number' ? String(value) : ''];
    }),
  );
}

/** `/admin/settings`: the `settingsEdit` operations as forms, and the env-only limits. */
@UiController('admin/settings')
export class AdminSettingsController {
  constructor(
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AdminLookups) private readonly lookups: AdminLookups,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities(ADMIN)
  async page(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const settings = await this.settings.read();
    await this.render(req, res, storedValues(settings), undefined, notice);
  }

  @Post()
  @RequireCapabilities(ADMIN)
  async save(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const settings = await this.settings.read();
    const posted = Object.fromEntries(EDITED.map((key) => [key, field(body, key)]));
    const stored = storedValues(settings);
    // Only what changed is patched (and audited), as a client sending a fieldPatch would.
    const patch = EDITED.filter((key) => posted[key] !== stored[key]).map((key) => ({
      key,
      value: [posted[key] ?? ''],
    }));
    try {
      if (patch.length > 0) {
        await this.settings.edit(settings.internalId, patch);
        recordConsoleChange(this.audit, ctx, 'update', SETTINGS_TARGET(settings.internalId), patch);
      }
      res.redirect(303, '/admin/settings?notice=saved');
    } catch (error) {
      await this.render(req, res, posted, problemOf(error));
    }
  }

  @Post('messages')
  @RequireCapabilities(ADMIN)
  async addMessage(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const settings = await this.settings.read();
    const input = {
      message: field(body, 'message'),
      activated: checked(body, 'activated'),
      dismissible: checked(body, 'dismissible'),
      recipients: fields(body, 'recipients'),
    };
    try {
      await this.settings.editMessage(settings.internalId, input);
      recordConsoleChange(this.audit, ctx, 'update', SETTINGS_TARGET(settings.internalId), input);
      res.redirect(303, '/admin/settings?notice=message');
    } catch (error) {
      await this.render(req, res, storedValues(settings), problemOf(error));
    }
  }

  @Post('messages/:id/delete')
  @RequireCapabilities(ADMIN)
  async deleteMessage(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const settings = await this.settings.read();
    await this.settings.deleteMessage(settings.internalId, id);
    recordConsoleChange(this.audit, ctx, 'update', SETTINGS_TARGET(settings.internalId), {
      message_deleted: id,
    });
    res.redirect(303, '/admin/settings?notice=deleted');
  }

  private retention(): RetentionView {
    const { audit, events, streams, retention } = this.config;
    const every = retention.intervalMs / 1000;
    return [
      {
        label: 'Knowledge retention rules run',
        value: every > 0 ? `Every ${every} s` : 'Never (stopped)',
        variable: 'THREATLOOM_RETENTION_INTERVAL_S',
      },
      {
        label: 'Audit log retention',
        value: audit.retentionDays > 0 ? `${audit.retentionDays} days` : 'Forever',
        variable: 'THREATLOOM_AUDIT_RETENTION_DAYS',
      },
      {
        label: 'Live stream history',
        value: `${events.maxEvents.toLocaleString('en-US')} events (${events.driver})`,
        variable: 'THREATLOOM_EVENTS_MAX',
      },
      ...(events.driver === 'redis'
        ? [
            {
              label: 'Stream trimming',
              value: events.redis.trim,
              variable: 'THREATLOOM_REDIS_STREAM_TRIM',
            },
          ]
        : []),
      {
        label: 'Stream heartbeat',
        value: `${streams.heartbeatMs} ms`,
        variable: 'THREATLOOM_STREAM_HEARTBEAT_MS',
      },
      {
        label: 'Dependencies remembered per stream',
        value: streams.cacheMaxSize.toLocaleString('en-US'),
        variable: 'THREATLOOM_STREAM_CACHE_MAX',
      },
    ];
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    values: Record<string, string>,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const settings = await this.settings.read();
    const [organizations, groups] = await Promise.all([
      this.lookups.organizations(ctx),
      this.lookups.allGroups(),
    ]);
    const groupNames = new Map(groups.map((g) => [g.id, g.name]));
    const notices: Record<string, string> = {
      saved: 'Settings saved.',
      message: 'Message added.',
      deleted: 'Message deleted.',
    };
    await sendHtml(
      res,
      SettingsPage({
        ...adminShell(req, res, this.chrome),
        values,
        organizations,
        groups,
        messages: this.settings.messages(settings).map((m) => ({
          id: m.id,
          message: m.message,
          activated: m.activated,
          dismissible: m.dismissible,
          recipients: m.recipients.map((r) => groupNames.get(r) ?? r),
          updated: m.updated_at,
        })),
        retention: this.retention(),
        problem,
        notice: notice ? notices[notice] : undefined,
      }),
      problem?.status ?? 200,
    );
  }
}
