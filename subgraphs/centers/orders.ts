import type { SortOrder } from '../../lib/subgraph/relay';
import type { CenterSpace } from './places/center-space.entity';
import type { CitySupport } from './network/city-support.entity';
import type { LifelongLearningExpert } from './network/expert.entity';
import type { LearningCommunity } from './network/learning-community.entity';
import type { ProgramSession } from './programs/program-session.entity';

/** Orders of the short, non-paginated lists (each ends with the primary key so it is total). */
export const EXPERT_ORDER: SortOrder<LifelongLearningExpert> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
export const COMMUNITY_ORDER: SortOrder<LearningCommunity> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
export const SPACE_ORDER: SortOrder<CenterSpace> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
/** Latest year first, then by kind. */
export const CITY_SUPPORT_ORDER: SortOrder<CitySupport> = [
  { property: 'year', direction: 'desc' },
  { property: 'kind', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
export const SESSION_ORDER: SortOrder<ProgramSession> = [{ property: 'position', direction: 'asc' }];
