// The audit log (issue #8): who did what, when, with which outcome. Entries are internal elements
// of type `Activity`; these are the domain shapes the recorder takes and the readers get back.

export const AUDIT_ENTITY_TYPE = 'Activity';

export type AuditEventType = 'authentication' | 'read' | 'mutation' | 'file' | 'command';
export type AuditEventStatus = 'success' | 'error';

/** What happened (OpenCTI's `event_scope` names, plus the few Threatloom adds). */
export type AuditEventScope =
  | 'login'
  | 'logout'
  | 'login_failed'
  | 'permission_denied'
  | 'create'
  | 'update'
  | 'merge'
  | 'delete'
  | 'export'
  | 'import'
  | 'file_download'
  | 'file_upload';

/** `administration` for changes of platform objects (users, groups, settings…). */
export type AuditEventAccess = 'administration' | 'extended';

/** One changed field of an update: its value before and after (JSON texts). */
export type AuditChange = { field: string; previous: string | null; new: string | null };

/** What an entry is about; every field is optional. */
export type AuditContextData = {
  entity_id?: string;
  entity_type?: string;
  entity_name?: string;
  message?: string;
  from_id?: string;
  to_id?: string;
  /** The operation's input (an export's format and scope, a denied operation's name…). */
  input?: Record<string, unknown>;
  /** update: JSON patches from the previous to the new STIX form, and back. */
  patch?: unknown[];
  reverse_patch?: unknown[];
  changes?: AuditChange[];
  /** merge: the absorbed elements. */
  sources?: { id: string; name: string }[];
  /** What else caused it: connector, work, provider… */
  origin?: Record<string, unknown>;
  remote_address?: string;
  reason?: string;
};

/** What `AuditService.record` takes. */
export type AuditEntryInput = {
  event_type: AuditEventType;
  event_scope: AuditEventScope;
  event_status: AuditEventStatus;
  event_access?: AuditEventAccess;
  user_id: string;
  user_name: string;
  /** ISO-8601; the time of recording when absent. */
  timestamp?: string;
  context_data: AuditContextData;
  /**
   * Marking ids of the element the entry is about: a reader who may not see all of them does not
   * see the entry.
   */
  markings?: readonly string[];
  /** A stable id (an event's entries are derived from the event id); random when absent. */
  id?: string;
};

/** A stored entry, as readers get it. */
export type AuditEntry = Required<Omit<AuditEntryInput, 'markings' | 'id' | 'event_access'>> & {
  id: string;
  event_access: AuditEventAccess | null;
  markings: string[];
};

/** A login attempt, recorded by whichever flow authenticated (local, token, OIDC, SAML). */
export type LoginAttempt = {
  /** Known once the user is identified (absent for an unknown email). */
  userId?: string;
  email: string;
  provider: string;
  status: AuditEventStatus;
  remoteAddress?: string;
  /** Why it failed (bad password, locked, unknown user…); never the secret itself. */
  reason?: string;
};
