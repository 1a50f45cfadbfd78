/** The capability that administers users, groups and roles (and reads their private fields). */
export const ACCESS_ADMIN = 'SETTINGS_SETACCESSES';
