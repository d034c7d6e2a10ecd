// Shared test data and helpers: policy documents and principals with their own access keys.

import { expect } from 'vitest';
import type { ApiClient } from './client.ts';

/** An identity policy allowing `actions` on `resource`. */
export function allow(actions: string | string[], resource: string | string[] = '*'): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] };
}

/** An identity policy denying `actions` on `resource`. */
export function deny(actions: string | string[], resource: string | string[] = '*'): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: actions, Resource: resource }] };
}

/** A trust policy letting `principal` (an ARN or account id) assume the role. */
export function trust(principal: string): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] };
}

/** Asserts an error envelope with `code` and `status`; returns the body. */
export function expectError(res: { status: number; body: any }, status: number, code: string): any {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  return res.body;
}

/** Asserts a 2xx write answer carrying its revision in body and header; returns the revision. */
export function expectWrite(res: { status: number; body: any; headers: Headers }, status = 200): number {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Number.isInteger(res.body.revision)).toBe(true);
  expect(res.headers.get('x-iam-revision')).toBe(String(res.body.revision));
  return res.body.revision;
}

/** Creates a user with inline `policies` and an access key; returns a client acting as that user. */
export async function userClient(api: ApiClient, accountId: string, name: string, policies: Record<string, unknown>[] = []): Promise<ApiClient> {
  expectWrite(await api.post(`/v1/accounts/${accountId}/users`, { userName: name }), 201);
  for (const [i, document] of policies.entries()) {
    expectWrite(await api.put(`/v1/accounts/${accountId}/users/${name}/inline-policies/p${i}`, { document }));
  }
  const key = await api.post(`/v1/accounts/${accountId}/users/${name}/access-keys`);
  expectWrite(key, 201);
  return api.as({ accessKeyId: key.body.accessKey.accessKeyId, secret: key.body.accessKey.secretAccessKey });
}
