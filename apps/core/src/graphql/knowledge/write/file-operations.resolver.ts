import { Inject } from '@nestjs/common';
import { ID, Int, Resolver } from '@nestjs/graphql';
import type { Capability } from '@lib/rbac';
import { AppError } from '@lib/kernel';
import type { ImportValidationMode, KnowledgeFile } from '@lib/knowledge';
import { accessOf, defineOperation } from '../define-operation.util';
import type { ArgSpec } from '../define-operation.util';
import { connectionOf, knowledgeType } from '../schema/knowledge-types.model';
import { orderingEnum } from '../schema/ordering-enum.util';
import { connectionValue } from '../read/connection-value.util';
import type { KnowledgeGraphqlContext } from '../read/knowledge-context.types';
import { FileWriteService } from './file-write.service';
import {
  ConnectorWithConfigInput,
  ExportContextInput,
  listExportAskInput,
} from './mutation-inputs.model';
import type { ListExportAskValues } from './mutation-inputs.model';
import { UploadScalar } from './write-scalars.constants';

/** The root operations on files: uploads for import, import jobs, list exports, `importFiles`. */
@Resolver()
export class FileOperationsResolver {
  constructor(@Inject(FileWriteService) readonly files: FileWriteService) {}
}

type Run = (
  files: FileWriteService,
  ctx: KnowledgeGraphqlContext,
  values: Record<string, unknown>,
) => Promise<unknown>;

function operation(
  kind: 'query' | 'mutation',
  name: string,
  args: ArgSpec[],
  returns: () => unknown,
  capabilities: Capability[],
  run: Run,
): void {
  defineOperation(FileOperationsResolver, {
    kind,
    name,
    args,
    returns,
    capabilities,
    run: (r: FileOperationsResolver, ctx, values) => run(r.files, ctx, values),
  });
}

const optionalString = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

function validationMode(value: unknown): ImportValidationMode | undefined {
  if (value === null || value === undefined) return undefined;
  if (value === 'workbench' || value === 'draft') return value;
  throw new AppError({
    code: 'KNOWLEDGE_INVALID_INPUT',
    category: 'validation',
    message: `validationMode: ${JSON.stringify(value)} is not workbench or draft`,
    details: { field: 'validationMode' },
  });
}

const File = () => knowledgeType('File');

/** The first `first` files (all when absent) as a connection. */
function fileConnection(files: readonly KnowledgeFile[], first: unknown) {
  const count = typeof first === 'number' && first > 0 ? first : files.length;
  return connectionValue(files.slice(0, count), {
    startCursor: null,
    endCursor: null,
    hasNextPage: files.length > count,
    hasPreviousPage: false,
    globalCount: files.length,
  });
}

operation(
  'query',
  'importFiles',
  [
    { name: 'first', type: () => Int },
    { name: 'after', type: () => ID },
    { name: 'search', type: () => String },
  ],
  () => connectionOf('File'),
  ['KNOWLEDGE'],
  async (f, ctx, v) => {
    const search = optionalString(v.search)?.toLowerCase();
    const all = await f.importFiles(accessOf(ctx));
    const found = search ? all.filter((file) => file.name.toLowerCase().includes(search)) : all;
    return fileConnection(found, v.first);
  },
);

operation(
  'mutation',
  'uploadImport',
  [
    { name: 'file', type: () => UploadScalar, required: true },
    { name: 'fileMarkings', type: () => [String] },
    { name: 'noTriggerImport', type: () => Boolean },
  ],
  File,
  ['KNOWLEDGE_KNASKIMPORT'],
  (f, ctx, v) => f.uploadImport(accessOf(ctx), v.file, v.fileMarkings, v.noTriggerImport === true),
);

operation(
  'mutation',
  'uploadAndAskJobImport',
  [
    { name: 'file', type: () => UploadScalar, required: true },
    { name: 'fileMarkings', type: () => [String] },
    { name: 'connectors', type: () => [ConnectorWithConfigInput] },
    { name: 'validationMode', type: () => String },
    { name: 'draftId', type: () => String },
    { name: 'noTriggerImport', type: () => Boolean },
  ],
  File,
  ['KNOWLEDGE_KNASKIMPORT'],
  (f, ctx, v) => {
    const connectors = Array.isArray(v.connectors)
      ? (v.connectors as ConnectorWithConfigInput[]).map((c) => ({ ...c }))
      : [];
    const mode = validationMode(v.validationMode);
    return f.uploadAndAskJobImport(accessOf(ctx), v.file, v.fileMarkings, connectors, {
      ...(mode ? { validationMode: mode } : {}),
    });
  },
);

operation(
  'mutation',
  'askJobImport',
  [
    { name: 'fileName', type: () => ID, required: true },
    { name: 'connectorId', type: () => String },
    { name: 'configuration', type: () => String },
    { name: 'bypassEntityId', type: () => Boolean },
    { name: 'bypassValidation', type: () => Boolean },
    { name: 'validationMode', type: () => String },
    { name: 'forceValidation', type: () => Boolean },
  ],
  File,
  ['KNOWLEDGE_KNASKIMPORT'],
  (f, ctx, v) => {
    const connectorId = optionalString(v.connectorId);
    const mode = validationMode(v.validationMode);
    return f.askJobImport(accessOf(ctx), String(v.fileName), {
      ...(connectorId ? { connectorId } : {}),
      configuration: optionalString(v.configuration) ?? null,
      bypassEntityId: v.bypassEntityId === true,
      bypassValidation: v.bypassValidation === true,
      forceValidation: v.forceValidation === true,
      ...(mode ? { validationMode: mode } : {}),
    });
  },
);

operation(
  'mutation',
  'deleteImport',
  [{ name: 'fileName', type: () => String, required: true }],
  () => Boolean,
  ['KNOWLEDGE_KNUPLOAD', 'KNOWLEDGE_KNASKIMPORT'],
  (f, ctx, v) => f.deleteImport(accessOf(ctx), String(v.fileName)),
);

// Lists are exported by the connectors of a format (`export_scope` selection or query).
for (const [list, ordering] of [
  ['stixCoreObjects', 'StixCoreObjectsOrdering'],
  ['stixDomainObjects', 'StixDomainObjectsOrdering'],
  ['stixCyberObservables', 'StixCyberObservablesOrdering'],
  ['stixCoreRelationships', 'StixCoreRelationshipsOrdering'],
] as const) {
  const upper = list.charAt(0).toUpperCase() + list.slice(1);
  const input = listExportAskInput(`${upper}ExportAskInput`, orderingEnum(ordering));
  operation(
    'mutation',
    `${list}ExportAsk`,
    [{ name: 'input', type: () => input, required: true }],
    () => [File()],
    ['KNOWLEDGE_KNGETEXPORT_KNASKEXPORT'],
    (f, ctx, v) => f.listExportAsk(accessOf(ctx), { ...(v.input as ListExportAskValues) }),
  );
  operation(
    'query',
    `${list}ExportFiles`,
    [
      { name: 'exportContext', type: () => ExportContextInput, required: true },
      { name: 'first', type: () => Int },
    ],
    () => connectionOf('File'),
    ['KNOWLEDGE'],
    async (f, ctx, v) => {
      const files = await f.listExportFiles(accessOf(ctx), {
        ...(v.exportContext as ExportContextInput),
      });
      return fileConnection(files, v.first);
    },
  );
}

// Export connectors push list exports (or single ones, with entity_id) through these.
for (const name of [
  'stixCoreObjectsExportPush',
  'stixDomainObjectsExportPush',
  'stixCyberObservablesExportPush',
]) {
  operation(
    'mutation',
    name,
    [
      { name: 'entity_id', type: () => String },
      { name: 'entity_type', type: () => String, required: true },
      { name: 'file', type: () => UploadScalar, required: true },
      { name: 'file_markings', type: () => [String], required: true },
      { name: 'listFilters', type: () => String },
    ],
    () => Boolean,
    ['CONNECTORAPI', 'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT'],
    (f, ctx, v) =>
      f.listExportPush(
        accessOf(ctx),
        optionalString(v.entity_id),
        String(v.entity_type),
        v.file,
        v.file_markings,
      ),
  );
}
