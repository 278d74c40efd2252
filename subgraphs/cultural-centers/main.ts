import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { culturalCentersSubgraph } from './index';

void runSubgraph(culturalCentersSubgraph);
