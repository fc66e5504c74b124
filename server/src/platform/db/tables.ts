/**
 * The database's tables as Kysely sees them. Empty here on purpose: each module declares the tables it owns by
 * augmenting this interface in its own `store.ts`, so platform never imports a module:
 *
 *   declare module '../platform/db/tables.ts' { interface Tables { users: UserTable } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface Tables {}
