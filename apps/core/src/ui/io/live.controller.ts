import { Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { OCTI_EXTENSION_ID, isTypeOf } from '@lib/stix';
import { LiveStreamService, entityTypeOfStix } from '@lib/streams';
import type { SseMessage } from '@lib/streams';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { ElementChanged, NewItems, samePath, sseEvent } from './live-notice';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};
const MAX_TYPES = 20;

type Stix = Record<string, unknown>;
type Wire = { data?: Stix; origin?: Record<string, unknown> };

/**
 * Live notices of open pages (`/data/live/…`): the live stream (per-user visibility, as
 * `/stream/live` serves it, which needs BYPASS) read for the signed-in viewer from his cookie
 * session, turned into small HTML events: one EventSource per page.
 */
@UiController('data/live')
export class LiveController implements OnModuleDestroy {
  /** Open streams, ended when the platform stops (a closing server waits for its connections). */
  private readonly open = new Set<AbortController>();

  constructor(
    @Inject(LiveStreamService) private readonly streams: LiveStreamService,
    @Inject(EntityStore) private readonly store: EntityStore,
  ) {}

  /** Updates and deletes of one element: "updated by X — reload". */
  @Get('element/:id')
  @RequireCapabilities('KNOWLEDGE')
  async element(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('path') path: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element =
      (await this.store.get(ctx, id)) ?? (await this.store.resolve(ctx, [id])).get(id)?.[0];
    if (!element) throw new UiNotFound(`The element ${id}`);
    const ids = new Set([element.standardId, ...element.stixIds]);
    const back = samePath(path, `/entity/${encodeURIComponent(element.internalId)}`);
    await this.serve(res, ctx, async (message, write) => {
      if (message.event !== 'update' && message.event !== 'merge' && message.event !== 'delete') {
        return;
      }
      const wire = message.data as Wire;
      const stix = wire.data ?? {};
      const octi = (stix.extensions as Record<string, Stix> | undefined)?.[OCTI_EXTENSION_ID];
      if (!ids.has(String(stix.id)) && octi?.id !== element.internalId) return;
      const by = await this.who(ctx, wire.origin);
      const kind = message.event === 'delete' ? 'delete' : 'update';
      write('element-change', await ElementChanged({ kind, by, path: back }));
    });
  }

  /** Elements of the list's types created: "N new items — refresh". */
  @Get('list')
  @RequireCapabilities('KNOWLEDGE')
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('types') raw: unknown,
    @Query('path') path: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const types = (Array.isArray(raw) ? raw : [raw])
      .filter((t): t is string => typeof t === 'string' && t !== '')
      .slice(0, MAX_TYPES);
    if (types.length === 0) throw new UiNotFound('A list without types');
    const back = samePath(path, '/dashboard');
    let count = 0;
    await this.serve(res, ctx, async (message, write) => {
      if (message.event !== 'create') return;
      const stix = (message.data as Wire).data ?? {};
      const type = entityTypeOfStix(stix);
      if (!types.some((t) => isTypeOf(type, t))) return;
      count += 1;
      write('new-items', await NewItems({ count, path: back }));
    });
  }

  /** Streams the viewer's live events to `handle` until the page goes; heartbeats as comments. */
  private async serve(
    res: Response,
    ctx: AccessContext,
    handle: (message: SseMessage, write: (event: string, html: string) => void) => Promise<void>,
  ): Promise<void> {
    const client = new AbortController();
    this.open.add(client);
    res.on('close', () => client.abort());
    res.writeHead(200, SSE_HEADERS);
    res.socket?.setNoDelay(true);
    res.write(': connected\n\n');
    const write = (event: string, html: string) => {
      if (!client.signal.aborted) res.write(sseEvent(event, html));
    };
    try {
      await this.streams.serve(
        ctx,
        { kind: 'live' },
        { listenDelete: true, noDependencies: true, withInferences: false },
        async (message) => {
          if (client.signal.aborted) return;
          if (message.event === 'heartbeat') {
            res.write(': heartbeat\n\n');
            return;
          }
          await handle(message, write);
        },
        client.signal,
      );
    } catch {
      // The page reconnects (the SSE extension retries); nothing to show here.
    }
    this.open.delete(client);
    if (!res.writableEnded) res.end();
  }

  onModuleDestroy(): void {
    this.open.forEach((client) => client.abort());
  }

  /** "you", the user's name, or "another user". */
  private async who(
    ctx: AccessContext,
    origin: Record<string, unknown> | undefined,
  ): Promise<string> {
    const userId = typeof origin?.user_id === 'string' ? origin.user_id : undefined;
    if (!userId) return 'a connector';
    if (userId === ctx.userId) return 'you';
    // Read with the viewer's rights: a user he may not see stays anonymous.
    const user = await this.store.get(ctx, userId);
    const name = user?.attributes.name ?? user?.attributes.user_email;
    return typeof name === 'string' ? name : 'another user';
  }
}
