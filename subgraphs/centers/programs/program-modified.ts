/**
 * The change stamp every program write sets: `updatedAt` (Seoul time) and `modified`, the open-data feed's change
 * number (see change-feed.ts for why it never goes below one handed out). Seeded programs carry creation times up
 * to mid-2027, hence "highest so far + 1".
 */
import type { EntityManager } from '@mikro-orm/knex';
import { nextChangeStamp, type ChangeStamp } from '../change-feed';

/** Any fixed number: the advisory lock that orders program writes. */
const PROGRAM_CHANGES = { table: 'program', lock: 4_242_001 };

export function changeStamp(em: EntityManager, now = Date.now()): Promise<ChangeStamp> {
  return nextChangeStamp(em, PROGRAM_CHANGES, now);
}
