/** One forward-only schema step of a component's tables. Versions start at 1 and never change. */
export type SqliteMigration = {
  version: number;
  name: string;
  sql: string;
};
