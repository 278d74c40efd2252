import { ConnectionType } from '../../lib/subgraph/relay';
import { CivilProvider } from './civil-provider.entity';

export const CivilProviderConnection = ConnectionType(CivilProvider);
