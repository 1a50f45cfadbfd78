import { OBSERVABLE_TYPE_ROWS } from './observable-types.constants';

const INPUT_KEYS: ReadonlyMap<string, string> = new Map(
  OBSERVABLE_TYPE_ROWS.map((row) => [row.entityType, row.inputKey]),
);

/**
 * The key of an observable's typed sub-input in GraphQL `stixCyberObservableAdd`
 * (`IPv4-Addr` → `IPv4Addr`, `SSH-Key` → `SSHKey`); undefined for non-observables.
 */
export function observableInputKey(entityType: string): string | undefined {
  return INPUT_KEYS.get(entityType);
}
