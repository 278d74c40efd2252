import { ConnectionType, type SortOrder } from '../../lib/relay';
import { Library } from './library.entity';

export const LibraryConnection = ConnectionType(Library);
export const LIBRARY_ORDER: SortOrder<Library> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
