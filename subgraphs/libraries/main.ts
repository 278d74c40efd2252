import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph/subgraph-server';
import { librariesSubgraph } from './index';

void runSubgraph(librariesSubgraph);
