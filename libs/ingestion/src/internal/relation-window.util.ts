import type { StoredElement } from '@lib/entity-store';
import type { ElementDraft } from './draft.types';

const DAY_MS = 86_400_000;

function withinDays(stored: unknown, incoming: unknown, days: number): boolean {
  if (incoming === undefined || incoming === null) {
    return true;
  }
  if (typeof stored !== 'string' || typeof incoming !== 'string') {
    return false;
  }
  return Math.abs(Date.parse(stored) - Date.parse(incoming)) <= days * DAY_MS;
}

/**
 * data-model.md §3.8: an existing relationship of the same type and ends is the same one when the
 * times the input carries (start/stop, or first/last seen for sightings) are within the window.
 */
export function relationWithinWindow(
  existing: StoredElement,
  draft: ElementDraft,
  days: number,
): boolean {
  const sighting = draft.entityType === 'stix-sighting-relationship';
  const start = sighting ? 'first_seen' : 'start_time';
  const stop = sighting ? 'last_seen' : 'stop_time';
  return (
    withinDays(existing.attributes[start], draft.attributes[start], days) &&
    withinDays(existing.attributes[stop], draft.attributes[stop], days)
  );
}
