import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph/subgraph-server';
import { culturalCentersSubgraph } from './index';

void runSubgraph(culturalCentersSubgraph);
