import { ConnectionType } from '../../lib/subgraph/relay';
import { School } from './school.entity';

export const SchoolConnection = ConnectionType(School);
