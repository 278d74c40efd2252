import 'reflect-metadata';
import { runSubgraph } from '../../lib/subgraph-server';
import { schoolsSubgraph } from './index';

void runSubgraph(schoolsSubgraph);
