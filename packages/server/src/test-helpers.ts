// Test helpers: the all-in-one's environment for a temporary store on free ports, and REST calls with the bootstrap key.

import { authorizationHeader, REVISION_HEADER } from '@iam/admin';
import type { RunningServer } from './server.ts';

/** Environment that starts the all-in-one on free ports over `sqliteFile`, evaluating on the main thread. */
export function testEnv(sqliteFile: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    IAM_STORE_SQLITE_FILE: sqliteFile,
    IAM_ADMIN_PORT: '0',
    IAM_PDP_GRPC_PORT: '0',
    IAM_PDP_HTTP_PORT: '0',
    IAM_PDP_WORKERS: '0',
    IAM_PDP_POLL_INTERVAL_MS: '200',
    ...extra,
  };
}

/** One admin REST call authenticated with `key`; resolves to the status, the JSON body and the committed revision. */
export async function rest(adminUrl: string, key: { accessKeyId: string; secretAccessKey: string }, method: string, path: string, body?: unknown) {
  const res = await fetch(`${adminUrl}/v1${path}`, {
    method,
    headers: { authorization: authorizationHeader(key.accessKeyId, key.secretAccessKey), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, revision: Number(res.headers.get(REVISION_HEADER) ?? 0), text };
}

/** The bootstrap credentials of a first start (fails the test when there are none). */
export function bootstrapKey(server: RunningServer): { accessKeyId: string; secretAccessKey: string } {
  const creds = server.bootstrap.credentials;
  if (!creds) throw new Error('no bootstrap credentials: the store was not empty');
  return creds;
}
