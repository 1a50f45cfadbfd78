/** A position in the event log: the parts of a `<ms>-<seq>` event id. */
export type EventLogCursor = { ms: number; seq: number };

export type SqliteEventLogOptions = {
  /** Events kept; appending past it trims the oldest. */
  maxEvents: number;
};

/** Size and bounds of the retained history. */
export type EventLogInfo = {
  size: number;
  first: EventLogCursor | undefined;
  last: EventLogCursor | undefined;
};
