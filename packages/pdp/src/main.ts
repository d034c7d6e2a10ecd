// Runs the PDP standalone: config from the environment, the configured store, shutdown on SIGINT/SIGTERM.

import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startPdp } from './server.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
process.on('uncaughtException', (err) => logger.error('uncaught exception', { error: err }));

try {
  const pdp = await startPdp({ config, logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    pdp.close().then(() => process.exit(0), (err) => {
      logger.error('shutdown failed', { error: err });
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  logger.error('cannot start', { error: err });
  process.exit(1);
}
