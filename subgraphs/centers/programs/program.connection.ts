import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  ConnectionType,
  paginate,
  type ConnectionArgs,
  type Connection,
  type SortOrder,
} from '../../../lib/subgraph/relay';
import { Program } from './program.entity';

export const ProgramConnection = ConnectionType(Program);
/** Soonest first: what a resident browsing programs wants. */
export const PROGRAM_ORDER: SortOrder<Program> = [
  { property: 'startsOn', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

/** A page of the catalog; keys first, as the search indexes (program.entity.ts) hold the filtered columns. */
export function paginatePrograms(
  em: EntityManager,
  where: FilterQuery<Program>,
  args: ConnectionArgs,
): Promise<Connection<Program>> {
  return paginate(em, Program, where, args, PROGRAM_ORDER, { keysFirst: true });
}
