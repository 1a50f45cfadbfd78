import { randomUUID } from 'node:crypto';
import type { ConnectorQueues } from '@lib/connector-bus';
import type { StoredElement } from '@lib/entity-store';
import type { Connector, ConnectorInfo, ConnectorRegistration } from './connector.types';
import { CONNECTOR_ENTITY_TYPE } from './connector.types';

/** The stored form of a connector: an internal element whose id is the connector's own id. */
export function newConnectorElement(
  registration: ConnectorRegistration,
  extra: { userId: string | null; queues: ConnectorQueues; builtIn?: boolean },
  now: string,
): StoredElement {
  return {
    internalId: registration.id,
    standardId: `connector--${randomUUID()}`,
    entityType: CONNECTOR_ENTITY_TYPE,
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes: {
      ...registrationAttributes(registration),
      connector_state: null,
      connector_state_reset: false,
      connector_state_timestamp: now,
      connector_info: null,
      connector_user_id: extra.userId,
      connector_priority_group: 'DEFAULT',
      built_in: extra.builtIn ?? false,
      queues: extra.queues,
      last_seen_at: now,
    },
    refs: {},
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export function registrationAttributes(r: ConnectorRegistration): Record<string, unknown> {
  return {
    name: r.name,
    connector_type: r.type,
    connector_scope: r.scope,
    auto: r.auto,
    auto_update: r.autoUpdate,
    only_contextual: r.onlyContextual,
    enrichment_resolution: r.enrichmentResolution,
    playbook_compatible: r.playbookCompatible,
    listen_callback_uri: r.listenCallbackUri,
    version: r.version,
    slug: r.slug,
    client_major: r.clientMajor,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The API view of a stored connector; `active` when it was seen within `staleSeconds`. */
export function connectorOf(element: StoredElement, now: number, staleSeconds: number): Connector {
  const a = element.attributes;
  const lastSeenAt = text(a.last_seen_at) ?? element.updatedAt;
  return {
    id: element.internalId,
    name: text(a.name) ?? element.internalId,
    type: a.connector_type as Connector['type'],
    scope: Array.isArray(a.connector_scope) ? (a.connector_scope as string[]) : [],
    auto: a.auto === true,
    autoUpdate: a.auto_update === true,
    onlyContextual: a.only_contextual === true,
    enrichmentResolution: text(a.enrichment_resolution),
    playbookCompatible: a.playbook_compatible === true,
    listenCallbackUri: text(a.listen_callback_uri),
    version: text(a.version),
    slug: text(a.slug),
    clientMajor: typeof a.client_major === 'number' ? a.client_major : null,
    state: text(a.connector_state),
    stateReset: a.connector_state_reset === true,
    info: (a.connector_info as ConnectorInfo | null) ?? null,
    userId: text(a.connector_user_id),
    builtIn: a.built_in === true,
    createdAt: element.createdAt,
    updatedAt: element.updatedAt,
    lastSeenAt,
    active: now - Date.parse(lastSeenAt) < staleSeconds * 1000,
    queues: a.queues as ConnectorQueues,
  };
}
