// Mounts RouteSpecs on an Express router: authenticate -> parse -> validate -> authorize -> handle -> answer, with audit.

import express, { type Request, type Response, type Router } from 'express';
import type { ContextValue, DecisionResult } from '@iam/core';
import { isStoreError, type AuditInput, type Store } from '@iam/store';
import { AdminError, invalidInput, toAdminError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { AdminMetrics } from '../metrics.ts';
import type { Authenticator } from '../auth/authenticate.ts';
import { ASSUME_ROLE_HEADER, parseRoleHeader, sessionCaller } from '../auth/assume.ts';
import { REVISION_HEADER, templateOf, type Caller, type RouteInput, type RouteSpec } from './route.ts';
import { ValidatorFactory, type RequestValidator } from './validate.ts';
import { sendError } from './respond.ts';

/** Decides whether `caller` may perform `action` on `resource`. */
export type Authorizer = (caller: Caller, action: string, resource: string, context: Record<string, ContextValue>) => Promise<DecisionResult>;

/** What the pipeline needs. */
export interface PipelineDeps {
  store: Store;
  authenticate: Authenticator;
  authorize: Authorizer;
  logger: Logger;
  metrics: AdminMetrics;
  bodyLimitBytes: number;
}

/** The action checked before acting as a role. */
const ASSUME_ROLE_ACTION = 'sts:AssumeRole';

/**
 * Errors already in the audit log: store errors of writes given `audit` (the store records their failure) and the
 * pipeline's own denials (recorded where they are raised).
 */
const inAuditLog = new WeakSet<object>();

/** Registers every spec on `router` (mounted at `/v1`). */
export function mountRoutes(router: Router, specs: readonly RouteSpec[], deps: PipelineDeps): void {
  const validators = new ValidatorFactory();
  const json = express.json({ limit: deps.bodyLimitBytes, strict: true, type: () => true });
  for (const spec of specs) {
    const validate = validators.compile(spec);
    router[spec.method](spec.path, (req, res) => {
      res.locals.routeTemplate = '/v1' + templateOf(spec.path);
      handle(spec, validate, json, deps, req, res).catch((err) => deps.logger.error('unhandled pipeline failure', { err }));
    });
  }
}

async function handle(spec: RouteSpec, validate: RequestValidator, json: express.RequestHandler, deps: PipelineDeps, req: Request, res: Response): Promise<void> {
  const sourceIp = clientIp(req);
  let audit: AuditInput | undefined;
  try {
    const caller = spec.action ? await identify(spec, deps, req, sourceIp) : undefined;
    const body = await parseBody(json, req, res);
    const recorded = spec.auditBody ? spec.auditBody(body) : isObject(body) ? body : {};
    audit = caller ? { caller: caller.arn, action: spec.action!, sourceIp, parameters: { ...req.params, ...(req.query as object), ...recorded } } : undefined;
    const v = validate(req.params, { ...(req.query as Record<string, unknown>) }, body);
    const opts = { audit };
    const input: RouteInput = { params: v.params, query: v.query, body: v.body, caller: caller!, sourceIp, write: (fn) => audited(() => fn(opts)) };
    if (caller && spec.action) {
      const resource = spec.resource ? await spec.resource(input) : '*';
      audit!.target = resource;
      await authorizeOrDeny(spec, deps, req, input, resource, audit!);
    }
    const result = await spec.handler(input);
    answer(spec, res, result.status ?? spec.response.status ?? 200, result.body, result.revision);
  } catch (err) {
    const e = toAdminError(err);
    if (e.code === 'internal_error') deps.logger.error('request failed', { err, route: spec.operationId });
    // every write that fails and every denial is audited once
    if (audit && (spec.write || e.code === 'access_denied') && !(typeof err === 'object' && err !== null && inAuditLog.has(err))) {
      await record(deps, { ...audit, outcome: 'failure', errorCode: e.code });
    }
    deps.metrics.errors.inc({ code: e.code });
    sendError(res, e);
  }
}

/** Authenticates the caller and, when it names a role to act as, checks `sts:AssumeRole` and becomes that session. */
async function identify(spec: RouteSpec, deps: PipelineDeps, req: Request, sourceIp: string): Promise<Caller> {
  let caller: Caller;
  try {
    caller = await deps.authenticate(req.get('authorization'));
  } catch (err) {
    if (err instanceof AdminError && err.code === 'unauthenticated') {
      await record(deps, { caller: 'anonymous', action: spec.action!, sourceIp, outcome: 'failure', errorCode: 'unauthenticated' });
    }
    throw err;
  }
  const role = parseRoleHeader(req.get(ASSUME_ROLE_HEADER));
  if (!role) return caller;
  const result = await deps.authorize(caller, ASSUME_ROLE_ACTION, role.roleArn, baseContext(req, sourceIp));
  deps.metrics.authorizations.inc({ decision: result.decision });
  if (result.decision !== 'Allow') {
    await record(deps, { caller: caller.arn, action: ASSUME_ROLE_ACTION, target: role.roleArn, sourceIp, outcome: 'failure', errorCode: 'access_denied', parameters: { forAction: spec.action } });
    throw recorded(new AdminError('access_denied', `\`${caller.arn}\` is not authorized to perform \`${ASSUME_ROLE_ACTION}\` on \`${role.roleArn}\``,
      { decision: result.decision, ...(result.deniedBy ? { deniedBy: result.deniedBy } : {}) }));
  }
  return sessionCaller(caller, role);
}

/** Context keys every operator request carries. */
function baseContext(req: Request, sourceIp: string): Record<string, ContextValue> {
  return { 'aws:SourceIp': sourceIp, 'aws:SecureTransport': req.secure };
}

async function authorizeOrDeny(spec: RouteSpec, deps: PipelineDeps, req: Request, input: RouteInput, resource: string, audit: AuditInput): Promise<void> {
  const context = spec.context ? spec.context(input) : {};
  const result = await deps.authorize(input.caller, spec.action!, resource, { ...baseContext(req, input.sourceIp), ...context });
  deps.metrics.authorizations.inc({ decision: result.decision });
  if (result.decision === 'Allow') return;
  await record(deps, { ...audit, outcome: 'failure', errorCode: 'access_denied' });
  throw recorded(new AdminError('access_denied',
    `\`${input.caller.arn}\` is not authorized to perform \`${spec.action}\` on \`${resource}\``,
    { decision: result.decision, ...(result.deniedBy ? { deniedBy: result.deniedBy } : {}) }));
}

/** Marks an error whose audit entry has been written. */
function recorded<E extends object>(err: E): E {
  inAuditLog.add(err);
  return err;
}

async function record(deps: PipelineDeps, entry: AuditInput): Promise<void> {
  try {
    await deps.store.recordAudit(entry);
    deps.metrics.auditEvents.inc({ outcome: entry.outcome ?? 'failure' });
  } catch (err) {
    deps.metrics.auditFailures.inc();
    deps.logger.error('audit entry could not be recorded', { err, action: entry.action });
  }
}

/** Parses a JSON body when one is sent; an empty body is `undefined`. */
function parseBody(json: express.RequestHandler, req: Request, res: Response): Promise<unknown> {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return Promise.resolve(undefined);
  if (!req.is('application/json') && req.is('*/*') !== false) {
    return Promise.reject(invalidInput(`request body must be application/json, got \`${req.get('content-type') ?? ''}\``));
  }
  return new Promise((resolve, reject) => json(req, res, (err?: unknown) => (err ? reject(err) : resolve(req.body))));
}

function answer(spec: RouteSpec, res: Response, status: number, body: Record<string, unknown>, revision?: number): void {
  if (spec.write) {
    if (revision === undefined) throw new Error(`write ${spec.operationId} returned no revision`);
    res.set(REVISION_HEADER, String(revision));
    res.status(status).json({ ...body, revision });
  } else {
    res.status(status).json(body);
  }
}

/** The client address, IPv4-mapped IPv6 (`::ffff:a.b.c.d`) shown as IPv4 so `aws:SourceIp` conditions match. */
function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runs a store write given the request's audit entry; a failure it throws is then already in the audit log. */
async function audited<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isStoreError(err)) inAuditLog.add(err);
    throw err;
  }
}
