import { ConnectionType, type SortOrder } from '../../lib/relay';
import { Program } from './program.entity';

export const ProgramConnection = ConnectionType(Program);
/** Soonest first: what a resident browsing programs wants. */
export const PROGRAM_ORDER: SortOrder<Program> = [
  { property: 'startsOn', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
