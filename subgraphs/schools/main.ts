import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph/subgraph-server';
import { schoolsSubgraph } from './index';

void runSubgraph(schoolsSubgraph);
