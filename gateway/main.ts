import { loadConfig } from '../lib/config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  try {
    const running = await startGateway(loadConfig());
    console.log(`[gateway] serving ${running.url}`);
    const shutdown = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    console.error(`[gateway] failed to start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}

void main();
