// createAdminApp: the Express application of the admin plane, from its dependencies (for in-process use and startAdmin).

import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { Registry } from 'prom-client';
import type { Store } from '@iam/store';
import { createAuthenticator } from './auth/authenticate.ts';
import type { AdminConfig } from './config.ts';
import { createSimulator } from './engine/simulator.ts';
import type { EngineFactory, EngineFollower } from './engine/follower.ts';
import { AdminError, toAdminError } from './errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { mountRoutes, type Authorizer } from './http/pipeline.ts';
import { sendError } from './http/respond.ts';
import type { RouteSpec } from './http/route.ts';
import { silentLogger, type Logger } from './log.ts';
import { createMetrics, type AdminMetrics } from './metrics.ts';
import { allRoutes } from './routes/index.ts';

/** What the app is built from. */
export interface AdminDeps {
  store: Store;
  /** The engine following the store (authorization and principal simulation). */
  follower: EngineFollower;
  /** `createEngine` of @iam/core (custom-policy simulation). */
  createEngine: EngineFactory;
  config: Pick<AdminConfig, 'names' | 'pagination' | 'bodyLimitBytes' | 'trustProxy'>;
  logger?: Logger;
  /** Registry for the metrics (default: a new one); served at `/metrics`. */
  registry?: Registry;
  /** Metrics already created on `registry` (startAdmin shares them with the follower). */
  metrics?: AdminMetrics;
}

/** Route label of requests that matched no route (never the raw path: it would carry ids). */
const UNMATCHED_ROUTE = 'unmatched';

/** Builds the Express app: `/v1/...` routes, `/v1/openapi.json`, `/metrics`. */
export function createAdminApp(deps: AdminDeps): Express {
  const logger = deps.logger ?? silentLogger;
  const registry = deps.registry ?? new Registry();
  const metrics = deps.metrics ?? createMetrics(registry);
  const authorize: Authorizer = async (caller, action, resource, context) => {
    const engine = await deps.follower.sync();
    return engine.authorize({ principal: caller.principal, action, resource, context });
  };
  const ctx = {
    store: deps.store,
    names: deps.config.names,
    defaultPageSize: deps.config.pagination.defaultPageSize,
    maxPageSize: deps.config.pagination.maxPageSize,
    simulator: createSimulator(deps.follower, deps.createEngine),
  };
  const specs = allRoutes(ctx, () => deps.follower.engine.revision);
  let document: Record<string, unknown> = {};
  const openapiRoute: RouteSpec = {
    method: 'get', path: '/openapi.json', operationId: 'GetOpenApi', tag: 'operations', summary: 'This OpenAPI document (no authentication)',
    response: { schema: { type: 'object', required: ['openapi', 'paths'] } },
    handler: async () => ({ body: document }),
  };
  document = buildOpenApi([...specs, openapiRoute]);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(observe(metrics));
  app.get('/metrics', async (_req, res) => {
    res.locals.routeTemplate = '/metrics';
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });
  const router = express.Router();
  mountRoutes(router, [...specs, openapiRoute], {
    store: deps.store,
    authenticate: createAuthenticator(deps.store, (err) => logger.warn('could not record access key use', { err })),
    authorize,
    logger,
    metrics,
    bodyLimitBytes: deps.config.bodyLimitBytes,
  });
  app.use('/v1', router);
  app.use((req: Request, res: Response) => {
    sendError(res, new AdminError('no_such_entity', `no route \`${req.method} ${req.path}\``));
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = toAdminError(err);
    if (e.code === 'internal_error') logger.error('request failed outside a route', { err });
    sendError(res, e);
  });
  return app;
}

/** Counts and times every request by method, route template and status. */
function observe(metrics: AdminMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.requestDuration.startTimer();
    res.on('finish', () => {
      const labels = { method: req.method, route: (res.locals.routeTemplate as string | undefined) ?? UNMATCHED_ROUTE, status: String(res.statusCode) };
      end(labels);
      metrics.requests.inc(labels);
    });
    next();
  };
}
