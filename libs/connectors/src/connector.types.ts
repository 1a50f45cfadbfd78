import type { ConnectorQueues } from '@lib/connector-bus';

/** The connector kinds of OpenCTI (connector-protocol.md §1.4). */
export const CONNECTOR_TYPES = [
  'EXTERNAL_IMPORT',
  'INTERNAL_IMPORT_FILE',
  'INTERNAL_ENRICHMENT',
  'INTERNAL_ANALYSIS',
  'INTERNAL_EXPORT_FILE',
  'STREAM',
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const CONNECTOR_ENTITY_TYPE = 'Connector';

/** What a connector says of itself when it registers (`RegisterConnectorInput`). */
export type ConnectorRegistration = {
  id: string;
  name: string;
  type: ConnectorType;
  scope: string[];
  auto: boolean;
  autoUpdate: boolean;
  onlyContextual: boolean;
  enrichmentResolution: string | null;
  playbookCompatible: boolean;
  listenCallbackUri: string | null;
  version: string | null;
  slug: string | null;
  /** The pycti generation that registered it (from its User-Agent): 7 verifies JWT callbacks. */
  clientMajor: number | null;
};

/** What the helper reports with each ping (`ConnectorInfoInput`). */
export type ConnectorInfo = {
  run_and_terminate: boolean;
  buffering: boolean;
  queue_threshold: number;
  queue_messages_size: number;
  next_run_datetime: string | null;
  last_run_datetime: string | null;
};

/** Why a connector is flagged (no silent failure: OpenCTI connectors#1958, #5452). */
export type ConnectorHealthFlag = 'NOT_PINGING' | 'WORKS_FAILING' | 'ERROR_RATE';

/** A registered connector, as the API shows it. */
export type Connector = ConnectorRegistration & {
  state: string | null;
  stateReset: boolean;
  info: ConnectorInfo | null;
  userId: string | null;
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
  /** Last registration or ping. */
  lastSeenAt: string;
  /** Pinged within the stale window. */
  active: boolean;
  queues: ConnectorQueues;
};
