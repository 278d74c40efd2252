import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { librariesSubgraph } from './index';

void runSubgraph(librariesSubgraph);
