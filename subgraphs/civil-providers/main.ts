import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph/subgraph-server';
import { civilProvidersSubgraph } from './index';

void runSubgraph(civilProvidersSubgraph);
