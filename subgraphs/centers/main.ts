import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph/subgraph-server';
import { centersSubgraph } from './index';

void runSubgraph(centersSubgraph);
