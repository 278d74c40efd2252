import { loadConfig, type Config } from './config';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

/**
 * The entry point of one service process (a subgraph or the gateway): start
 * it, say where it serves, and stop it cleanly on SIGINT/SIGTERM; a failure
 * to start ends the process with code 1 so the launcher can report it.
 */
export async function runService(name: string, start: (config: Config) => Promise<RunningService>): Promise<void> {
  try {
    const running = await start(loadConfig());
    console.log(`[${name}] serving ${running.url}`);
    const shutdown = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    console.error(`[${name}] failed to start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}
