// data-model.md §3.2 namespaces and fixed platform UUIDs.

/** UUIDv5 namespace of STIX 2.1 SCO ids, used for every STIX element (SDO, SCO, meta, SRO). */
export const OASIS_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** UUIDv5 namespace of internal objects (users, groups, …) and file index ids. */
export const OPENCTI_NAMESPACE = 'b639ff3b-00eb-42ed-aa36-a8dd6f8fb4cf';

/** Fixed UUID of the Settings singleton. */
export const OPENCTI_PLATFORM_UUID = 'd06053cb-7123-404b-b092-6606411702d2';

/** internal_id of the bootstrap admin user. */
export const OPENCTI_ADMIN_UUID = '88ec0c6a-13ce-5e39-b486-354fe4a7084f';

/** internal_id of the system user. */
export const OPENCTI_SYSTEM_UUID = '6a4b11e1-90ca-4e42-ba42-db7bc7f7d505';
