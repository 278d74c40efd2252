/**
 * The change stamp every program write sets: `updatedAt` (Seoul time) and
 * `modified`, the open-data feed's change number. Feed readers remember the
 * last (modified, id) they saw, so a change must never get a number below one
 * already handed out:
 * - not the clock alone: seeded programs carry creation times up to mid-2027,
 *   so `modified` is max(now in ms, highest so far + 1);
 * - on PostgreSQL a transaction-scoped advisory lock makes program writes take
 *   their numbers one after the other until commit, so a slow transaction
 *   cannot commit a number below one a reader has already passed. SQLite has
 *   a single writer anyway.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { seoulNow } from '../seoul-time';

/** Any fixed number: the advisory lock that orders program writes. */
const PROGRAM_CHANGE_LOCK = 4_242_001;

export interface ChangeStamp {
  updatedAt: string;
  modified: number;
}

export async function changeStamp(em: EntityManager, now = Date.now()): Promise<ChangeStamp> {
  if (em.getDriver().constructor.name === 'PostgreSqlDriver')
    await em.execute(`select pg_advisory_xact_lock(${PROGRAM_CHANGE_LOCK})`);
  const [row] = await em.execute<{ latest: string | number | null }[]>('select max(modified) as latest from program');
  return { updatedAt: seoulNow(now), modified: Math.max(now, Number(row?.latest ?? 0) + 1) };
}
