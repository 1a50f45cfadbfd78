import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TokenAuthService } from '@lib/auth';
import { AppError } from '@lib/kernel';
import { RequestAuthenticator } from '../auth/request-authenticator.service';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { LiveStreamService, StreamCollectionsService } from '@lib/streams';
import type { SseMessage, StreamRequest, StreamSource } from '@lib/streams';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'Access-Control-Allow-Origin': '*',
  // Reverse proxies (nginx) must not buffer the stream.
  'X-Accel-Buffering': 'no',
};

/** A parameter from the query string, else from a header (connector-protocol.md §4.3). */
function param(req: Request, query: string, ...headers: string[]): string | undefined {
  const fromQuery = req.query[query];
  if (typeof fromQuery === 'string') return fromQuery;
  for (const header of headers) {
    const value = req.headers[header];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value.toLowerCase() === 'true';

function streamRequest(req: Request): StreamRequest {
  const from = param(req, 'from', 'from', 'last-event-id');
  const recover = param(req, 'recover', 'recover', 'recover-date');
  return {
    ...(from !== undefined ? { from } : {}),
    ...(recover !== undefined ? { recover } : {}),
    listenDelete: flag(param(req, 'listen-delete', 'listen-delete'), true),
    noDependencies: flag(
      param(req, 'no-dependencies', 'no-dependencies') ??
        param(req, 'no-relationships', 'no-relationships'),
      false,
    ),
    withInferences: flag(param(req, 'with-inferences', 'with-inferences'), false),
  };
}

function formatSse(message: SseMessage): string {
  const id = message.id !== undefined ? `id: ${message.id}\n` : '';
  return `${id}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The live stream over SSE (connector-protocol.md §4.2–§4.4): `/stream` (raw, BYPASS),
 * `/stream/live` (every event through the live-stream logic, BYPASS) and `/stream/<collection
 * id>` (its filters; public collections need no login and read with their creator's rights).
 */
@Controller('stream')
export class StreamController {
  private readonly logger = new Logger(StreamController.name);

  constructor(
    @Inject(TokenAuthService) private readonly auth: TokenAuthService,
    @Inject(RequestAuthenticator) private readonly requests: RequestAuthenticator,
    @Inject(LiveStreamService) private readonly streams: LiveStreamService,
    @Inject(StreamCollectionsService) private readonly collections: StreamCollectionsService,
  ) {}

  @Get()
  async raw(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.run(req, res, async () => ({
      ctx: this.requireBypass(await this.user(req)),
      source: { kind: 'raw' },
    }));
  }

  @Get(':id')
  async live(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.run(req, res, async () => {
      const user = await this.user(req);
      if (id === 'live') return { ctx: this.requireBypass(user), source: { kind: 'live' } };
      const collection = await this.collections.find(id);
      if (!collection) throw new HttpRefusal(404, `No live stream ${id}`);
      if (!collection.live) throw new HttpRefusal(410, `The live stream ${id} is stopped`);
      if (collection.public) {
        const ctx = user ?? (await this.auth.contextForUser(collection.creatorId));
        if (!ctx) throw new HttpRefusal(410, `The live stream ${id} has no active owner`);
        return { ctx, source: { kind: 'live', collection } };
      }
      if (!user) throw new HttpRefusal(401, 'Authentication required');
      const member =
        collection.authorizedMembers.length === 0 ||
        collection.authorizedMembers.some((m) => m.id === user.userId);
      if (!hasCapability(user, 'TAXIIAPI') || !(member || hasCapability(user, 'BYPASS'))) {
        throw new HttpRefusal(403, `You may not read the live stream ${id}`);
      }
      return { ctx: user, source: { kind: 'live', collection } };
    });
  }

  /** Kept for old clients (OpenCTI's connection management); nothing to do. */
  @Post('connection/:id')
  connection(@Res() res: Response): void {
    res.status(200).json({ message: 'ok' });
  }

  private user(req: Request): Promise<AccessContext | undefined> {
    return this.requests.authenticate(req);
  }

  private requireBypass(ctx: AccessContext | undefined): AccessContext {
    if (!ctx) throw new HttpRefusal(401, 'Authentication required');
    if (!hasCapability(ctx, 'BYPASS')) {
      throw new HttpRefusal(403, 'This stream needs the BYPASS capability');
    }
    return ctx;
  }

  private async run(
    req: Request,
    res: Response,
    open: () => Promise<{ ctx: AccessContext; source: StreamSource }>,
  ): Promise<void> {
    const client = new AbortController();
    res.on('close', () => client.abort());
    let started = false;
    const send = (message: SseMessage): Promise<void> => {
      if (!started) {
        started = true;
        res.writeHead(200, SSE_HEADERS);
        res.socket?.setNoDelay(true);
      }
      if (client.signal.aborted) return Promise.resolve();
      if (res.write(formatSse(message))) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    };
    try {
      const { ctx, source } = await open();
      await this.streams.serve(ctx, source, streamRequest(req), send, client.signal);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!started) {
        res.status(refusal.status).json({ error: refusal.code, message: refusal.message });
        return;
      }
      if (!client.signal.aborted) this.logger.warn(`Live stream ended: ${refusal.message}`);
    }
    if (!res.writableEnded) res.end();
  }
}

function refusalOf(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof HttpRefusal) {
    const code = { 401: 'AUTH_REQUIRED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 410: 'GONE' }[
      error.status as 401
    ];
    return { status: error.status, code: code ?? 'ERROR', message: error.message };
  }
  if (error instanceof AppError) {
    const status =
      error.category === 'validation'
        ? 400
        : error.category === 'not_found'
          ? 404
          : error.category === 'forbidden'
            ? 403
            : 500;
    return { status, code: error.code, message: error.message };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: String(error) };
}
