import { runService } from '../lib/service';
import { startGateway } from './gateway';

void runService('gateway', startGateway);
