import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { findProblems, type OpenApiDoc } from '../../test/openapi-check.ts';
import { DEFAULT_NAME_LIMITS } from '../limits.ts';
import { allRoutes, type RouteContext } from '../routes/index.ts';
import { buildOpenApi, routeErrors } from './openapi.ts';
import { templateOf } from './route.ts';

// The route table needs no live store to be described: its handlers are never called here.
const ctx = { store: {}, names: DEFAULT_NAME_LIMITS, defaultPageSize: 100, maxPageSize: 1000, simulator: {} } as unknown as RouteContext;
const specs = allRoutes(ctx, () => 0);
const doc = buildOpenApi(specs) as unknown as OpenApiDoc & { components: { schemas: Record<string, unknown> } };

describe('the route table and its OpenAPI document', () => {
  it('gives every operation a unique id, an action unless public, and documented path parameters', () => {
    expect(new Set(specs.map((s) => s.operationId)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => `${s.method} ${templateOf(s.path)}`)).size).toBe(specs.length);
    for (const s of specs) {
      const names = [...s.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      expect(Object.keys(s.params ?? {}).sort(), s.operationId).toEqual(names);
      if (s.write) expect(s.action, s.operationId).toBeDefined();
      if (s.action) expect(s.action).toMatch(/^[a-z-]+:[A-Z][A-Za-z]+$/);
    }
    const publicOps = specs.filter((s) => !s.action).map((s) => s.operationId);
    expect(publicOps).toEqual(['Health']);
  });

  it('is a valid set of JSON Schemas', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(() => ajv.addSchema(doc as object, 'openapi')).not.toThrow();
    for (const name of Object.keys(doc.components.schemas)) expect(ajv.getSchema(`openapi#/components/schemas/${name}`)).toBeDefined();
  });

  it('documents 409 for writes and 404 for routes that name entities', () => {
    const createUser = specs.find((s) => s.operationId === 'CreateUser')!;
    expect(routeErrors(createUser)).toEqual(expect.arrayContaining(['limit_exceeded', 'entity_already_exists', 'no_such_entity']));
    const listUsers = specs.find((s) => s.operationId === 'ListUsers')!;
    expect(routeErrors(listUsers)).not.toContain('limit_exceeded');
    expect(Object.keys(doc.paths['/v1/accounts/{accountId}/users'].post.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '500', '503']);
  });

  it('catches undocumented routes and statuses and bodies that do not match', () => {
    const ok = { method: 'get', path: '/v1/accounts/123456789012/users/alice/tags', status: 200, contentType: 'application/json', body: { tags: { a: 'b' } } };
    expect(findProblems(doc, [ok])).toEqual({ problems: [], checked: 1 });
    const bad = [
      { ...ok, path: '/v1/nowhere' },
      { ...ok, method: 'put' },
      { ...ok, status: 418 },
      { ...ok, body: { tags: { a: 1 } } },
      { ...ok, body: { tags: {}, extra: true } },
      { ...ok, status: 404, body: { code: 'no_such_entity' } },
      { ...ok, status: 404, body: { code: 'limit_exceeded', message: 'wrong code for 404' } },
    ];
    const { problems } = findProblems(doc, bad);
    expect(problems).toHaveLength(bad.length);
    expect(problems[0]).toMatch(/undocumented route/);
    expect(problems[1]).toMatch(/undocumented method/);
    expect(problems[2]).toMatch(/undocumented status 418/);
  });
});
