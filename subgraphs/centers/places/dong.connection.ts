import { ConnectionType, type SortOrder } from '../../../lib/subgraph/relay';
import { Dong } from './dong.entity';

export const DongConnection = ConnectionType(Dong);
export const DONG_ORDER: SortOrder<Dong> = [{ property: 'code', direction: 'asc' }];
