import { ConnectionType, type SortOrder } from '../../../lib/subgraph/relay';
import { Partnership } from './partnership.entity';

export const PartnershipConnection = ConnectionType(Partnership);
/** Oldest first: the order in which the network grew. */
export const PARTNERSHIP_ORDER: SortOrder<Partnership> = [
  { property: 'since', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
