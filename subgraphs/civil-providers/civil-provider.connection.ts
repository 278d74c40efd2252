import { ConnectionType, type SortOrder } from '../../lib/relay';
import { CivilProvider } from './civil-provider.entity';

export const CivilProviderConnection = ConnectionType(CivilProvider);
export const CIVIL_PROVIDER_ORDER: SortOrder<CivilProvider> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
