import { ConnectionType } from '../../lib/relay';
import { CivilProvider } from './civil-provider.entity';

export const CivilProviderConnection = ConnectionType(CivilProvider);
