import type { RetentionUnit } from './retention-rule.types';

const UNIT_MS: Readonly<Record<RetentionUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** The instant before which knowledge is too old for a rule keeping `max` units. */
export function retentionCutoff(max: number, unit: RetentionUnit, now: Date): Date {
  return new Date(now.getTime() - max * UNIT_MS[unit]);
}
