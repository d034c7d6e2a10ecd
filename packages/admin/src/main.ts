// Standalone entry point: `node --import tsx src/main.ts`, configured by IAM_ADMIN_* / IAM_STORE_* and an optional JSON file.

import { ConfigError, loadConfig } from './config.ts';
import { startAdmin } from './server.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`iam-admin: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const admin = await startAdmin({ config });
  process.stdout.write(`iam-admin: listening on ${admin.url}\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`iam-admin: ${signal}, shutting down\n`);
    admin.close().then(() => process.exit(0), (err) => {
      process.stderr.write(`iam-admin: shutdown failed: ${(err as Error).message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`iam-admin: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
