import { ConnectionType, type SortOrder } from '../../lib/relay';
import { School } from './school.entity';

export const SchoolConnection = ConnectionType(School);
export const SCHOOL_ORDER: SortOrder<School> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
