// The PDP's HTTP port: Prometheus text at /metrics and a JSON health report at /healthz.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { FollowerStatus } from './core.ts';
import type { Logger } from './logger.ts';

/** What /healthz reports. */
export interface HealthReport extends FollowerStatus {
  /** `serving`, `degraded` (serving the last good world while the store fails) or `not_serving` (shutting down). */
  status: 'serving' | 'degraded' | 'not_serving';
  workers: number;
}

/** Starts the HTTP server on `host:port` (0 picks a free port); resolves with it and the bound port. */
export async function startHttp(
  host: string,
  port: number,
  registry: Registry,
  health: () => HealthReport,
  logger: Logger,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err) => {
          logger.error('cannot collect metrics', { error: err });
          res.writeHead(500).end();
        },
      );
      return;
    }
    if (url === '/healthz') {
      const report = health();
      res.writeHead(report.status === 'not_serving' ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', message: `no route \`${url}\`` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes the server, ending idle keep-alive connections. */
export function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
