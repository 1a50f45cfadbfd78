import type { ConnectorRegistration } from '@lib/connectors';
import type { StixObject } from './connectors/offline-enrichment.util';

/** What a built-in connector sends and keeps while it works on one work. */
export type ConnectorSession = {
  readonly workId: string;
  /** The state saved by the last run (null after a reset or before the first run). */
  readonly state: Record<string, unknown> | null;
  /** Sends objects to the connector's push queue, counted on the work. */
  send(objects: readonly StixObject[]): Promise<number>;
  saveState(state: Record<string, unknown>): Promise<void>;
  /** From now on, what `send` sends is staged in this draft (the work's draft context). */
  attachDraft(draftId: string): Promise<void>;
};

/** The outcome of a run or a job: its message, and whether the work ends in error. */
export type ConnectorOutcome = { message: string; inError?: boolean };

/** A connector that fetches on a schedule (EXTERNAL_IMPORT). */
export type ScheduledConnector = {
  readonly kind: 'scheduled';
  readonly registration: ConnectorRegistration;
  readonly intervalMs: number;
  /** The name of a run's work. */
  workName(now: Date): string;
  run(session: ConnectorSession): Promise<ConnectorOutcome>;
};

/** A listen-queue job in OpenCTI's envelope (connector-protocol.md §2.8). */
export type ConnectorJob = {
  internal: { work_id: string; applicant_id?: string | null };
  event: Record<string, unknown>;
};

/** A connector that works on jobs from its listen queue (INTERNAL_*). */
export type JobConnector = {
  readonly kind: 'jobs';
  readonly registration: ConnectorRegistration;
  handle(job: ConnectorJob, session: ConnectorSession): Promise<ConnectorOutcome>;
};

/** A live stream message as a STREAM connector receives it: its event id, type and payload. */
export type StreamMessage = { id: string; event: string; data: Record<string, unknown> };

/**
 * A connector that follows a live stream (STREAM): `live` or a stream collection's id (its
 * filters). `deliver` returns once the message is delivered, or throws StreamOutputRejected when
 * the destination refuses that message for good (it is skipped, counted and logged); while the
 * destination is unreachable it keeps retrying, and the stream position does not move.
 */
export type StreamConnector = {
  readonly kind: 'stream';
  readonly registration: ConnectorRegistration;
  readonly stream: string;
  /** Another platform whose stream this one reads over SSE (else: this platform's own). */
  readonly remote?: { url: string; token: string };
  deliver(message: StreamMessage, signal: AbortSignal): Promise<void>;
  /** Applies what `deliver` buffered: called before the position is saved, and when idle. */
  flush?(): Promise<void>;
  close?(): Promise<void>;
};

export type BuiltInConnector = ScheduledConnector | JobConnector | StreamConnector;

/** A registration with the defaults of a built-in connector. */
export function builtInRegistration(
  registration: Pick<ConnectorRegistration, 'id' | 'name' | 'type' | 'scope'> &
    Partial<ConnectorRegistration>,
): ConnectorRegistration {
  return {
    auto: false,
    autoUpdate: false,
    onlyContextual: false,
    enrichmentResolution: null,
    playbookCompatible: false,
    listenCallbackUri: null,
    version: null,
    slug: registration.id,
    clientMajor: null,
    ...registration,
  };
}
