import { z } from 'zod';

/** The queue and job through which the API, TAXII and connectors hand bundles to the workers. */
export const INGESTION_QUEUE = 'ingestion';
export const IMPORT_BUNDLE_JOB = 'import-bundle';

// Job payloads are validated when enqueued and again when received (STYLE.md 2.7).
export const importBundlePayload = z.object({
  connectorId: z.string().min(1),
  workName: z.string().min(1),
  /** The bundle as JSON text (kept as text: it is parsed once, by the worker). */
  bundle: z.string().min(2),
  update: z.boolean().optional(),
  /** A work created when the bundle was queued (its id was returned to the sender). */
  workId: z.string().min(1).optional(),
  /** The work's sender follows it (added expectations): the import reports to it. */
  followed: z.boolean().optional(),
});

export type ImportBundlePayload = z.infer<typeof importBundlePayload>;
