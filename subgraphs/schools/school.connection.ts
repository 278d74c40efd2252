import { ConnectionType } from '../../lib/relay';
import { School } from './school.entity';

export const SchoolConnection = ConnectionType(School);
