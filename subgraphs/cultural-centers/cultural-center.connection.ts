import { ConnectionType } from '../../lib/relay';
import { CulturalCenter } from './cultural-center.entity';

export const CulturalCenterConnection = ConnectionType(CulturalCenter);
