import { Controller, Delete, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TokenAuthService } from '@lib/auth';
import { AppError } from '@lib/kernel';
import { RequestAuthenticator } from '../auth/request-authenticator.service';
import type { AccessContext } from '@lib/rbac';
import {
  STIX_MEDIA_TYPE,
  TAXII_MAX_LIMIT,
  TAXII_MEDIA_TYPE,
  TaxiiCollectionsService,
  TaxiiError,
  TaxiiService,
} from '@lib/sharing';
import type { TaxiiCollection, TaxiiObjectsQuery, TaxiiPage } from '@lib/sharing';

/** `match[id]=a,b` (simple parser) or `match: { id }` (extended parser): a comma list. */
function listParam(req: Request, name: string): string[] | undefined {
  const query = req.query as Record<string, unknown>;
  const nested = query.match as Record<string, unknown> | undefined;
  const raw = query[`match[${name}]`] ?? nested?.[name];
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  const split = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return split.length > 0 ? split : undefined;
}

function objectsQuery(req: Request): TaxiiObjectsQuery {
  const text = (name: string) => {
    const value = (req.query as Record<string, unknown>)[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const limitText = text('limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new TaxiiError(400, `limit must be a positive integer, got ${limitText}`);
  }
  const query: TaxiiObjectsQuery = {};
  const addedAfter = text('added_after');
  const next = text('next');
  if (addedAfter) query.addedAfter = addedAfter;
  if (limit !== undefined) query.limit = Math.min(limit, TAXII_MAX_LIMIT);
  if (next) query.next = next;
  const ids = listParam(req, 'id');
  const types = listParam(req, 'type');
  const versions = listParam(req, 'version');
  const specVersions = listParam(req, 'spec_version');
  if (ids) query.matchIds = ids;
  if (types) query.matchTypes = types;
  if (versions) query.matchVersions = versions;
  if (specVersions) query.matchSpecVersions = specVersions;
  return query;
}

/**
 * The TAXII 2.1 server (connector-protocol.md §5) at `/taxii2/`: discovery, one API root
 * (`root`), collections defined by filters, objects, manifest, versions, POST of envelopes with a
 * status resource, DELETE where a collection allows it. Bearer or Basic authentication; errors
 * are TAXII error messages.
 */
@Controller('taxii2')
export class TaxiiController {
  constructor(
    @Inject(TokenAuthService) private readonly auth: TokenAuthService,
    @Inject(RequestAuthenticator) private readonly requests: RequestAuthenticator,
    @Inject(TaxiiCollectionsService) private readonly collections: TaxiiCollectionsService,
    @Inject(TaxiiService) private readonly taxii: TaxiiService,
  ) {}

  @Get()
  async discovery(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      await this.requireUser(req);
      const base = this.base(req);
      return {
        title: 'Threatloom TAXII 2.1 server',
        description: 'Knowledge shared by collections defined by filters',
        default: `${base}/taxii2/root/`,
        api_roots: [`${base}/taxii2/root/`],
      };
    });
  }

  @Get('root')
  async apiRoot(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      await this.requireUser(req);
      return {
        title: 'Threatloom',
        description: 'The platform knowledge',
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: 104_857_600,
      };
    });
  }

  @Get('root/collections')
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      const user = await this.requireUser(req);
      const all = await this.collections.list();
      return {
        collections: all
          .filter((c) => this.taxii.canRead(user, c))
          .map((c) => this.describe(user, c)),
      };
    });
  }

  @Get('root/collections/:id')
  async collection(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      const { user, collection } = await this.readable(req, id);
      return this.describe(user, collection);
    });
  }

  @Get('root/collections/:id/objects')
  async objects(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      const page = await this.pageOf(req, res, id);
      return this.envelope(
        page,
        page.objects.map((o) => o.stix),
      );
    });
  }

  @Get('root/collections/:id/manifest')
  async manifest(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      const page = await this.pageOf(req, res, id);
      return this.envelope(
        page,
        page.objects.map((o) => ({
          id: o.stix.id,
          date_added: o.dateAdded,
          version: o.version,
          media_type: STIX_MEDIA_TYPE,
        })),
      );
    });
  }

  @Get('root/collections/:id/objects/:objectId')
  async object(
    @Param('id') id: string,
    @Param('objectId') objectId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.answer(res, async () => {
      const page = await this.pageOf(req, res, id, objectId);
      return this.envelope(
        page,
        page.objects.map((o) => o.stix),
      );
    });
  }

  @Get('root/collections/:id/objects/:objectId/versions')
  async versions(
    @Param('id') id: string,
    @Param('objectId') objectId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.answer(res, async () => {
      const page = await this.pageOf(req, res, id, objectId, true);
      return {
        more: page.more,
        ...(page.next ? { next: page.next } : {}),
        ...(page.objects.length > 0 ? { versions: page.objects.map((o) => o.version) } : {}),
      };
    });
  }

  /**
   * A page of the collection, of one object's versions `match[version]` designates, or of all its
   * versions (`allVersions`), its date headers set.
   */
  private async pageOf(
    req: Request,
    res: Response,
    id: string,
    objectId?: string,
    allVersions = false,
  ): Promise<TaxiiPage> {
    const { reader, collection } = await this.readable(req, id);
    const query = objectsQuery(req);
    const page = !objectId
      ? await this.taxii.page(reader, collection, query)
      : allVersions
        ? await this.taxii.versionsPage(reader, collection, objectId, query)
        : await this.taxii.objectPage(reader, collection, objectId, query);
    this.dateHeaders(res, page);
    return page;
  }

  @Post('root/collections/:id/objects')
  async add(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(
      res,
      async () => {
        const { user, collection } = await this.readable(req, id);
        if (!user || !this.taxii.canWrite(user, collection)) {
          throw new TaxiiError(403, 'You may not add objects to this collection');
        }
        return this.taxii.add(user, collection, req.body);
      },
      202,
    );
  }

  @Delete('root/collections/:id/objects/:objectId')
  async remove(
    @Param('id') id: string,
    @Param('objectId') objectId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.answer(res, async () => {
      const { user, collection } = await this.readable(req, id);
      if (!user) throw new TaxiiError(401, 'Authentication required');
      await this.taxii.delete(user, collection, objectId);
      return undefined;
    });
  }

  @Get('root/status/:statusId')
  async status(@Param('statusId') statusId: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      await this.requireUser(req);
      return this.taxii.status(statusId);
    });
  }

  private base(req: Request): string {
    return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }

  private describe(user: AccessContext | undefined, c: TaxiiCollection) {
    return {
      id: c.id,
      title: c.name,
      description: c.description,
      can_read: this.taxii.canRead(user, c),
      can_write: this.taxii.canWrite(user, c),
      media_types: [STIX_MEDIA_TYPE],
    };
  }

  private envelope(page: TaxiiPage, objects: unknown[]) {
    return {
      more: page.more,
      ...(page.next ? { next: page.next } : {}),
      ...(objects.length > 0 ? { objects } : {}),
    };
  }

  /** The earliest and latest date added of the page (an object's versions may interleave). */
  private dateHeaders(res: Response, page: TaxiiPage): void {
    const dates = page.objects.map((o) => o.dateAdded).sort();
    const [first, last] = [dates[0], dates.at(-1)];
    if (first && last) {
      res.setHeader('X-TAXII-Date-Added-First', first);
      res.setHeader('X-TAXII-Date-Added-Last', last);
    }
  }

  private async requireUser(req: Request): Promise<AccessContext> {
    const user = await this.requests.authenticate(req);
    if (!user) throw new TaxiiError(401, 'Authentication required');
    return user;
  }

  /**
   * The collection and who reads it: the caller, or for a public collection read anonymously its
   * creator. Unknown and unreadable collections look alike (404 once authenticated).
   */
  private async readable(
    req: Request,
    id: string,
  ): Promise<{ user?: AccessContext; reader: AccessContext; collection: TaxiiCollection }> {
    const user = await this.requests.authenticate(req);
    const collection = await this.collections.find(id);
    if (collection && this.taxii.canRead(user, collection)) {
      const reader = user ?? (await this.auth.contextForUser(collection.creatorId));
      if (reader) return { ...(user ? { user } : {}), reader, collection };
    }
    if (!user) throw new TaxiiError(401, 'Authentication required');
    throw new TaxiiError(404, `No collection ${id}`);
  }

  private async answer(res: Response, body: () => Promise<unknown>, status = 200): Promise<void> {
    try {
      const result = await body();
      res.status(result === undefined ? 200 : status);
      res.setHeader('Content-Type', TAXII_MEDIA_TYPE);
      res.send(result === undefined ? '' : JSON.stringify(result));
    } catch (error) {
      const { httpStatus, title, description } = taxiiErrorOf(error);
      if (httpStatus === 401) res.setHeader('WWW-Authenticate', 'Basic, Bearer');
      res.status(httpStatus);
      res.setHeader('Content-Type', TAXII_MEDIA_TYPE);
      res.send(
        JSON.stringify({
          title,
          ...(description ? { description } : {}),
          http_status: String(httpStatus),
        }),
      );
    }
  }
}

function taxiiErrorOf(error: unknown): { httpStatus: number; title: string; description?: string } {
  if (error instanceof TaxiiError) {
    const description = error.details.description;
    return {
      httpStatus: error.httpStatus,
      title: error.message,
      ...(typeof description === 'string' ? { description } : {}),
    };
  }
  if (error instanceof AppError) {
    const httpStatus =
      error.category === 'validation'
        ? 400
        : error.category === 'not_found'
          ? 404
          : error.category === 'forbidden'
            ? 403
            : 500;
    return { httpStatus, title: error.message, description: error.code };
  }
  return { httpStatus: 500, title: 'Internal error', description: String(error) };
}
