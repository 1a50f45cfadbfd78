import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { ConnectorRegistryService } from '@lib/connectors';
import { hasCapability } from '@lib/rbac';
import { WorkListService, workCounts } from '@lib/works';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange } from './admin-audit.util';
import { field } from './admin-form.util';
import type { FormBody } from './admin-form.util';
import { adminShell } from './admin-shell.util';
import { ConnectorsPage } from './connectors.page';
import { DeadLetters } from './dead-letters.service';

const WORKS = 50;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function errorsOf(list: unknown): { timestamp: string; message: string }[] {
  return (Array.isArray(list) ? (list as Record<string, unknown>[]) : [])
    .slice(0, 10)
    .map((e) => ({ timestamp: text(e.timestamp), message: text(e.message) }));
}

const healthOf = (flags: string[]) => ({
  flags,
  health: flags.length > 0 ? flags.join(', ') : 'Healthy',
});

/** `/admin/connectors`: connectors (as `connectors`), their works (as `works`), dead letters. */
@UiController('admin/connectors')
export class AdminConnectorsController {
  constructor(
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(WorkListService) private readonly works: WorkListService,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('MODULES', 'CONNECTORAPI')
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const [connectors, works] = await Promise.all([
      this.registry.list(),
      this.works.list({ first: WORKS }),
    ]);
    const names = new Map(connectors.map((c) => [c.id, c.name]));
    const rows = await Promise.all(
      connectors.map(async (c) => ({
        id: c.id,
        name: c.name,
        type: c.type,
        active: c.active,
        lastSeen: c.lastSeenAt,
        ...healthOf(await this.registry.health(c)),
        queued: await this.registry.pushQueueDepth(c).catch(() => 0),
      })),
    );
    await sendHtml(
      res,
      ConnectorsPage({
        ...adminShell(req, res, this.chrome),
        connectors: rows,
        works: works.map((w) => {
          const counts = workCounts(w);
          const connectorId = text(w.attributes.connector_id);
          return {
            id: w.internalId,
            name: text(w.attributes.name) || w.internalId,
            connector: names.get(connectorId) ?? connectorId,
            status: text(w.attributes.status) || 'wait',
            processed: counts.processed,
            expected: counts.expected,
            updated: w.updatedAt,
            errors: errorsOf(w.attributes.errors),
            errorsCount: Number(w.attributes.errors_count ?? 0),
          };
        }),
        deadLetters: await this.deadLetters.list(connectors),
        canReplay: hasCapability(ctx, 'MODULES_MODMANAGE'),
        notice: notice === 'replayed' ? 'Replayed: the message is back on its queue.' : undefined,
      }),
    );
  }

  @Post('replay')
  @RequireCapabilities('MODULES_MODMANAGE')
  async replay(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const source = field(body, 'source') === 'jobs' ? 'jobs' : 'bus';
    const id = field(body, 'id');
    await this.deadLetters.replay(source, id);
    recordConsoleChange(
      this.audit,
      ctx,
      'update',
      { id, entityType: 'Dead-Letter', name: `dead letter ${id}` },
      { replayed: id, source },
    );
    res.redirect(303, '/admin/connectors?notice=replayed');
  }
}
