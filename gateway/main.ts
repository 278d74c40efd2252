import cluster from 'node:cluster';
import { loadConfig } from '../lib/config';
import { runService } from '../lib/service';
import { startGateway } from './gateway';
import { runGatewayPrimary } from './workers';

// With GATEWAY_WORKERS > 1 this process only forks and supervises the workers (gateway/workers.ts).
const workers = (() => {
  try {
    return loadConfig(process.env, { service: 'gateway' }).gatewayWorkers;
  } catch {
    return 1; // runService reports the configuration error
  }
})();
if (workers > 1 && cluster.isPrimary) runGatewayPrimary(loadConfig(process.env, { service: 'gateway' }));
else void runService('gateway', startGateway);
