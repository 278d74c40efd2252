import { ConnectionType, type SortOrder } from '../../../lib/subgraph/relay';
import { LearningCenter } from './learning-center.entity';

export const LearningCenterConnection = ConnectionType(LearningCenter);
export const CENTER_ORDER: SortOrder<LearningCenter> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
