// Injection tokens of the typed config slices (STYLE.md 2.5: inject slices, never look up keys).
export const CONFIG = Symbol('CONFIG');
export const HTTP_CONFIG = Symbol('HTTP_CONFIG');
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');
export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');
export const CONNECTORS_CONFIG = Symbol('CONNECTORS_CONFIG');
export const STREAMS_CONFIG = Symbol('STREAMS_CONFIG');
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
export const RETENTION_CONFIG = Symbol('RETENTION_CONFIG');
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
export const SSO_CONFIG = Symbol('SSO_CONFIG');
