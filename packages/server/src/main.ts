// The all-in-one entry point (`npm start`): admin plane and PDP on one store, the demo world, shutdown on SIGINT/SIGTERM.

import { ConfigError, loadServerConfig, type ServerConfig } from './config.ts';
import { curlCreateUserLine, operatorKeyLine } from './hints.ts';
import { startServer, type RunningServer } from './server.ts';

const PREFIX = 'iam-server:';
const say = (line: string) => process.stdout.write(`${PREFIX} ${line}\n`);

function describeStore(config: ServerConfig): string {
  const store = config.admin.store;
  return store.driver === 'sqlite' ? `sqlite ${store.file}` : `postgres (schema ${store.schema ?? 'public'})`;
}

/** The lines an operator needs: where everything listens, the store, the demo, and how to use the key. */
function announce(server: RunningServer, config: ServerConfig, revision: number): void {
  say(`store ${describeStore(config)} at revision ${revision}`);
  const demo = server.demo;
  if (!demo) say('demo world off');
  else say(`demo world ${demo.seeded ? 'seeded' : 'already present'} in account ${demo.accountId}: users alice and bob, group developers, role auditor`);
  say(`admin plane listening on ${server.adminUrl} (REST /v1, OpenAPI /v1/openapi.json, metrics /metrics)`);
  say(`pdp grpc listening on ${server.grpcAddress} (iam.authz.v1.AuthzService, grpc.health.v1.Health, reflection)`);
  say(`pdp http listening on ${server.pdpHttpUrl} (metrics /metrics, health /healthz)`);
  // a key this start generated was printed once by startServer, when the bootstrap made it
  if (server.bootstrap.credentialsSource !== 'generated') say(operatorKeyLine(server.bootstrap));
  say(`create a user: ${curlCreateUserLine(server.adminUrl, demo?.accountId ?? server.bootstrap.managementAccountId)}`);
  say('ready; ask the PDP about the demo world: npm run try');
}

function onSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      say(`${signal} again, exiting without draining`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}, shutting down`);
    server.close().then(() => {
      say('stopped');
      process.exit(0);
    }, (err) => {
      process.stderr.write(`${PREFIX} shutdown failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadServerConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${PREFIX} invalid configuration: ${err.message}\n`);
    process.exit(2);
  }
  const server = await startServer({ config, print: (line) => process.stdout.write(line + '\n') });
  onSignals(server);
  announce(server, config, await server.store.currentRevision());
}

main().catch((err) => {
  process.stderr.write(`${PREFIX} failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
