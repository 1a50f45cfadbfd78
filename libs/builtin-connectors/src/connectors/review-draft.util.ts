import type { ConnectorJob, ConnectorSession } from '../builtin-connector.types';
import type { ConnectorDeps } from './connector-deps.types';

/**
 * Whether an import job is reviewed first: asked with `force_validation`, or by default for
 * connectors whose output needs a look (`byDefault`), unless `bypass_validation`
 * (connector-protocol.md §2.8); `draft` and `workbench` modes are both reviewed in a draft.
 */
export function reviewRequested(event: Record<string, unknown>, byDefault = false): boolean {
  return (byDefault || event.force_validation === true) && event.bypass_validation !== true;
}

/**
 * When the job is reviewed (see reviewRequested), a draft named `name` (for the job's element, if any), made as
 * the applicant and attached to the work: what the connector sends then waits there. Returns the
 * draft's id, or undefined when the import goes straight to the graph.
 */
export async function reviewDraft(
  deps: ConnectorDeps,
  job: ConnectorJob,
  session: ConnectorSession,
  name: string,
  byDefault = false,
): Promise<string | undefined> {
  if (!reviewRequested(job.event, byDefault)) return undefined;
  const applicant = job.internal.applicant_id;
  const ctx = applicant ? await deps.auth.contextForUser(applicant) : undefined;
  if (!ctx) throw new Error(`Unknown applicant ${String(applicant)}: no draft can be made`);
  const entityId = typeof job.event.entity_id === 'string' ? job.event.entity_id : null;
  const draft = await deps.drafts.create(ctx, { name, entityId });
  await session.attachDraft(draft.id);
  return draft.id;
}
