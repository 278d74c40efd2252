import { ConnectionType, type SortOrder } from '../../lib/relay';
import { CulturalCenter } from './cultural-center.entity';

export const CulturalCenterConnection = ConnectionType(CulturalCenter);
export const CULTURAL_CENTER_ORDER: SortOrder<CulturalCenter> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
