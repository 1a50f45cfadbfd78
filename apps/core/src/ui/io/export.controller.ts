import { Body, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '@lib/kernel';
import { isTypeOf } from '@lib/stix';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { FileWriteService } from '../../graphql/knowledge/write/file-write.service';
import type { FilterGroupInput } from '../../graphql/knowledge/schema/filter-group.input';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { redirectAfterPost } from './redirect.util';

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === 'string' && s !== '');

function invalid(field: string, message: string): AppError {
  return new AppError({
    code: 'KNOWLEDGE_INVALID_INPUT',
    category: 'validation',
    message: `${field}: ${message}`,
    details: { field },
  });
}

/**
 * `POST /data/export`: an export of a list (its types and search) or of one element, asked of
 * the export connectors of the format through the service GraphQL's `…ExportAsk` use (audited,
 * content capped at the viewer's max shareable markings); answers with the work's progress page.
 */
@UiController('data/export')
export class ExportController {
  constructor(@Inject(FileWriteService) private readonly files: FileWriteService) {}

  @Post()
  @RequireCapabilities('KNOWLEDGE_KNGETEXPORT_KNASKEXPORT')
  async ask(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const [format] = strings(body.format);
    if (!format) throw invalid('format', 'choose a format');
    const exportType = strings(body.exportType)[0] ?? 'simple';
    const [entityId] = strings(body.entityId);
    const request = { format, exportType };
    let files;
    if (entityId) {
      files = await this.files.exportAsk(ctx, entityId, request);
    } else {
      const types = strings(body.types);
      if (types.length === 0 || !types.every((t) => isTypeOf(t, 'Stix-Core-Object'))) {
        throw invalid('types', 'the exported list has no known type');
      }
      const [search] = strings(body.search);
      const single = types.length === 1;
      const filters: FilterGroupInput | undefined = single
        ? undefined
        : {
            mode: 'and',
            filters: [{ key: ['entity_type'], values: types }],
            filterGroups: [],
          };
      files = await this.files.listExportAsk(ctx, {
        ...request,
        exportContext: { entity_type: single ? types[0]! : 'Stix-Core-Object' },
        ...(search ? { search } : {}),
        ...(filters ? { filters } : {}),
      });
    }
    const [first] = files;
    if (!first) throw new UiNotFound('An export connector for this format');
    redirectAfterPost(req, res, `/data/works/${encodeURIComponent(first.id)}`);
  }
}
