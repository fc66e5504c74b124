import type { Kysely } from 'kysely';
import type { Tables } from '../platform/db/tables.ts';
import './tables.ts';

/** The database or a transaction on it: store functions take either. */
export type Executor = Kysely<Tables>;
