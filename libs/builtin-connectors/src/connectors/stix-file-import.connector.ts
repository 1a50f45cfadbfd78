import { buffer } from 'node:stream/consumers';
import type { ConnectorJob, ConnectorSession, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { ConnectorDeps } from './connector-deps.types';
import { containerWith } from './container-contents.util';
import type { StixObject } from './offline-enrichment.util';
import { reviewDraft } from './review-draft.util';

// What a container does not list among its objects.
const NOT_CONTAINED = new Set(['marking-definition', 'extension-definition', 'language-content']);

/**
 * INTERNAL_IMPORT_FILE of STIX 2.x bundles (or one object): every upload of a JSON file is
 * imported by itself; a file attached to a container adds what it holds to the container.
 */
export function stixFileImport(deps: ConnectorDeps): JobConnector {
  return {
    kind: 'jobs',
    registration: builtInRegistration({
      id: 'threatloom-import-stix',
      name: 'Import STIX bundles',
      type: 'INTERNAL_IMPORT_FILE',
      scope: ['application/json', 'application/stix+json'],
      auto: true,
    }),
    async handle(job: ConnectorJob, session: ConnectorSession) {
      const fileId = job.event.file_id;
      if (typeof fileId !== 'string') return { message: 'The job names no file', inError: true };
      const text = (await buffer((await deps.blobs.get(fileId)).body)).toString('utf8');
      const objects = stixObjectsOf(text, fileId);
      const added = objects.filter((o) => !NOT_CONTAINED.has(o.type)).map((o) => o.id);
      const container = await containerWith(deps, job.event.entity_id, added);
      if (container) objects.push(container);
      const draft = await reviewDraft(deps, job, session, fileId);
      const sent = await session.send(objects);
      const where = draft ? ` to draft ${draft} for review` : '';
      return { message: `${sent} objects sent from ${fileId}${where}` };
    },
  };
}

/** The objects of a bundle (or a lone object), or an error naming the file. */
export function stixObjectsOf(text: string, fileId: string): StixObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${fileId} is not JSON`);
  }
  const record = parsed as { type?: unknown; id?: unknown; objects?: unknown } | null;
  if (record?.type === 'bundle' && Array.isArray(record.objects)) {
    return record.objects.filter(
      (o): o is StixObject =>
        typeof o === 'object' && o !== null && typeof (o as StixObject).id === 'string',
    );
  }
  if (typeof record?.type === 'string' && typeof record.id === 'string') {
    return [record as StixObject];
  }
  throw new Error(`${fileId} is neither a STIX bundle nor a STIX object`);
}
