import { ConnectionType } from '../../lib/relay';
import { Library } from './library.entity';

export const LibraryConnection = ConnectionType(Library);
