import { StixInvalidBundleError, readBundleParts } from '@lib/stix';
import type { ConnectorJob, ConnectorSession, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { ConnectorDeps } from './connector-deps.types';
import { containerWith } from './container-contents.util';
import type { StixObject } from './offline-enrichment.util';
import { reviewDraft } from './review-draft.util';

/** Objects read from an uploaded file at a time (its parts are sent as they are read). */
const FILE_PART_OBJECTS = 5000;

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
      // The draft, when the job asks for one, is made before the first objects are sent to it.
      let draft: Promise<string | undefined> | undefined;
      const send = async (objects: StixObject[]) => {
        draft ??= reviewDraft(deps, job, session, fileId);
        await draft;
        return session.send(objects);
      };
      const added: string[] = [];
      let sent = 0;
      let withoutId = 0;
      const { body } = await deps.blobs.get(fileId);
      try {
        // Read part by part: a large upload is never held whole (see readBundleParts).
        for await (const part of readBundleParts(body, FILE_PART_OBJECTS)) {
          const objects = stixObjectsOf(part.objects);
          withoutId += part.objects.length - objects.length;
          added.push(...objects.filter((o) => !NOT_CONTAINED.has(o.type)).map((o) => o.id));
          if (objects.length > 0) sent += await send(objects);
        }
      } catch (error) {
        if (!(error instanceof StixInvalidBundleError)) throw error;
        const before = sent > 0 ? ` (the ${sent} objects before it were sent)` : '';
        throw new Error(`${fileId}: ${error.message}${before}`);
      } finally {
        body.destroy();
      }
      const container = await containerWith(deps, job.event.entity_id, added);
      if (container) sent += await send([container]);
      const draftId = await draft;
      const where = draftId ? ` to draft ${draftId} for review` : '';
      const skipped = withoutId > 0 ? `; ${withoutId} without an id skipped` : '';
      return { message: `${sent} objects sent from ${fileId}${where}${skipped}` };
    },
  };
}

/** The STIX objects of a part of a bundle: the records with a string id. */
function stixObjectsOf(objects: readonly unknown[]): StixObject[] {
  return objects.filter(
    (o): o is StixObject =>
      typeof o === 'object' && o !== null && typeof (o as StixObject).id === 'string',
  );
}
