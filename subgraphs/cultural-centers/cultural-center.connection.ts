import { ConnectionType } from '../../lib/subgraph/relay';
import { CulturalCenter } from './cultural-center.entity';

export const CulturalCenterConnection = ConnectionType(CulturalCenter);
