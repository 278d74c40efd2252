import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { centersSubgraph } from './index';

void runSubgraph(centersSubgraph);
