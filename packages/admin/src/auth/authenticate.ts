// Authentication of operator requests by access key: the header, the store's key record, its status and secret.

import { timingSafeEqual } from 'node:crypto';
import type { Store } from '@iam/store';
import { AdminError } from '../errors.ts';
import type { Caller } from '../http/route.ts';
import { parseAuthorization } from './credentials.ts';

/** A key's last use is written at most this often (ms): a write per request would halve throughput. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Service name recorded as a key's last-used service. */
export const LAST_USED_SERVICE = 'iam';
/** Most keys whose last write time is remembered (oldest forgotten first). */
const LAST_USED_CACHE_MAX = 10_000;

/** Turns an `Authorization` header into the calling principal, or throws `unauthenticated`. */
export type Authenticator = (header: string | undefined) => Promise<Caller>;

/** An authenticator over the store's access keys; `onError` hears failures to record last use. */
export function createAuthenticator(store: Store, onError: (err: unknown) => void = () => {}): Authenticator {
  const lastWritten = new Map<string, number>();
  const noteUse = (accessKeyId: string): void => {
    const now = Date.now();
    const prev = lastWritten.get(accessKeyId);
    if (prev !== undefined && now - prev < LAST_USED_RESOLUTION_MS) return;
    lastWritten.delete(accessKeyId);
    lastWritten.set(accessKeyId, now);
    if (lastWritten.size > LAST_USED_CACHE_MAX) lastWritten.delete(lastWritten.keys().next().value as string);
    store.recordAccessKeyUse(accessKeyId, LAST_USED_SERVICE, new Date(now).toISOString()).catch(onError);
  };
  return async (header) => {
    const presented = parseAuthorization(header);
    if (presented === null) throw new AdminError('unauthenticated', 'missing credentials: send `Authorization: IAM-KEY <accessKeyId>:<secret>`');
    if (typeof presented === 'string') throw new AdminError('unauthenticated', presented);
    const key = await store.resolveAccessKey(presented.accessKeyId);
    if (!key || !sameSecret(presented.secret, key.secretAccessKey)) {
      throw new AdminError('unauthenticated', `the access key \`${presented.accessKeyId}\` or its secret is not valid`);
    }
    if (key.status !== 'Active') throw new AdminError('unauthenticated', `the access key \`${presented.accessKeyId}\` is inactive`);
    noteUse(key.accessKeyId);
    return { arn: key.userArn, accountId: key.accountId, accessKeyId: key.accessKeyId, principal: { arn: key.userArn } };
  };
}

function sameSecret(presented: string, actual: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
