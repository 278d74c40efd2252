import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { civilProvidersSubgraph } from './index';

void runSubgraph(civilProvidersSubgraph);
