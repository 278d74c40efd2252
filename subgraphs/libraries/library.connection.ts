import { ConnectionType } from '../../lib/subgraph/relay';
import { Library } from './library.entity';

export const LibraryConnection = ConnectionType(Library);
