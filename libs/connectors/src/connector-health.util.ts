import type { StoredElement } from '@lib/entity-store';
import { workCounts } from '@lib/works';
import type { Connector, ConnectorHealthFlag } from './connector.types';

/** Below this many processed objects, an error rate says nothing. */
const MIN_OBJECTS_FOR_RATE = 20;
/** Rejected objects over processed ones, across the recent works, that flag a connector. */
export const ERROR_RATE_THRESHOLD = 0.1;

/** A completed work that failed: its sender reported an error, or nothing it sent was stored. */
function failed(work: StoredElement): boolean {
  const counts = workCounts(work);
  return (
    work.attributes.in_error === true ||
    (counts.processed > 0 && counts.rejected === counts.processed)
  );
}

/**
 * Why a connector needs attention, from its last ping and its recent works (newest first): it
 * stopped pinging, its latest finished work failed, or too many of the objects it sent lately
 * were rejected.
 */
export function connectorHealthFlags(
  connector: Connector,
  recentWorks: readonly StoredElement[],
): ConnectorHealthFlag[] {
  const flags: ConnectorHealthFlag[] = [];
  if (!connector.active && !connector.builtIn) {
    flags.push('NOT_PINGING');
  }
  const latestDone = recentWorks.find((w) => w.attributes.status === 'complete');
  if (latestDone && failed(latestDone)) {
    flags.push('WORKS_FAILING');
  }
  const totals = recentWorks
    .map(workCounts)
    .reduce(
      (sum, c) => ({ processed: sum.processed + c.processed, rejected: sum.rejected + c.rejected }),
      { processed: 0, rejected: 0 },
    );
  if (
    totals.processed >= MIN_OBJECTS_FOR_RATE &&
    totals.rejected / totals.processed > ERROR_RATE_THRESHOLD
  ) {
    flags.push('ERROR_RATE');
  }
  return flags;
}
