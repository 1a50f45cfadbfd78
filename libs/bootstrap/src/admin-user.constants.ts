// data-model.md §3.2 and §4.6: fixed internal ids of the bootstrap admin and the settings singleton.
export const ADMIN_INTERNAL_ID = '88ec0c6a-13ce-5e39-b486-354fe4a7084f';
export const SETTINGS_INTERNAL_ID = 'd06053cb-7123-404b-b092-6606411702d2';
export const PLATFORM_CONNECTOR_ID = 'threatloom-platform';

/** Lookup key under which a user is found by API token. */
export const apiTokenKey = (token: string) => `api-token:${token.toLowerCase()}`;
