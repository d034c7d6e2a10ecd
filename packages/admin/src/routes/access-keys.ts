// Routes of access keys: a user's and an account root's keys (create with the secret shown once, list, activate or
// deactivate, delete), and the last-used lookup by key id.

import { ACCESS_KEY_ID_PATTERN, NoSuchEntityError, type AccessKeyRecord, type Store, type StoreTx, type Written } from '@iam/store';
import { rootArn } from '../arns.ts';
import { AdminError } from '../errors.ts';
import type { Caller, RouteInput, RouteSpec } from '../http/route.ts';
import { accountIdSchema, entity, listOf, object, text } from '../http/schemas.ts';
import { orElse, perRequest, principalArn, type RouteContext } from './context.ts';
import { KINDS, principalParams } from './principal-policies.ts';

const TAG = 'access-keys';
const keyId = text(128, ACCESS_KEY_ID_PATTERN.source);
const statusBody = object({ status: { enum: ['Active', 'Inactive'] } }, ['status']);

/** Which keys the owner named in a path has, and how a refusal names the key. */
interface KeyOwner {
  owns(key: AccessKeyRecord, p: Record<string, string>): boolean;
  missing(p: Record<string, string>): string;
}

/**
 * Runs `change` on the path's key in one store batch, after reading the key there and refusing it unless `owner` owns
 * it: the check and the write share a transaction (and its write lock), so no concurrent change slips in between, and
 * the key is read once. The refusal is a store error, so the store audits the failed write as it does its own.
 */
function changeOwnKey<T>(store: Store, owner: KeyOwner, { params: p, write }: Pick<RouteInput, 'params' | 'write'>, change: (tx: StoreTx) => Promise<T>): Promise<Written<T>> {
  return write((o) => store.batch(async (tx) => {
    const key = await orElse(() => tx.getAccessKey(p.accessKeyId), null);
    if (!key || !owner.owns(key, p)) throw new NoSuchEntityError(owner.missing(p));
    return change(tx);
  }, o));
}

/** Access key routes of users and roots, and the last-used lookup by key id. */
export function accessKeyRoutes(ctx: RouteContext): RouteSpec[] {
  return [...userKeyRoutes(ctx), ...rootKeyRoutes(ctx), lastUsedRoute(ctx)];
}

function userKeyRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const params = principalParams(ctx, KINDS.user);
  const keyParams = { ...params, accessKeyId: keyId };
  const base = '/accounts/:accountId/users/:userName/access-keys';
  const userArn = ({ params: p }: { params: Record<string, string> }) => principalArn(ctx, { kind: 'user', accountId: p.accountId, name: p.userName });
  /** Keys of the user named in the path (never a root key, whatever the user is called). */
  const user: KeyOwner = {
    owns: (key, p) => !key.root && key.accountId === p.accountId && key.userName.toLowerCase() === p.userName.toLowerCase(),
    missing: (p) => `access key \`${p.accessKeyId}\` of user \`${p.userName}\` does not exist`,
  };
  return [
    {
      method: 'post', path: base, operationId: 'CreateAccessKey', tag: TAG, summary: 'Create an access key; its secret is in this answer only',
      action: 'iam:CreateAccessKey', resource: userArn, params, write: true,
      response: { status: 201, schema: entity('accessKey', 'NewAccessKey') },
      handler: async ({ params: p, write }) => {
        const w = await write((o) => store.createAccessKey(p.accountId, p.userName, o));
        return { status: 201, body: { accessKey: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: base, operationId: 'ListAccessKeys', tag: TAG, summary: 'A user\'s access keys (without secrets)',
      action: 'iam:ListAccessKeys', resource: userArn, params,
      response: { schema: listOf('AccessKey') },
      handler: async ({ params: p }) => ({ body: { items: await store.listAccessKeys(p.accountId, p.userName) } }),
    },
    {
      method: 'patch', path: `${base}/:accessKeyId`, operationId: 'UpdateAccessKey', tag: TAG, summary: 'Activate or deactivate an access key',
      action: 'iam:UpdateAccessKey', resource: userArn, params: keyParams, write: true, body: statusBody,
      response: { schema: entity('accessKey', 'AccessKey') },
      handler: async ({ params: p, body, write }) => {
        const w = await changeOwnKey(store, user, { params: p, write }, async (tx) => (await tx.updateAccessKey(p.accessKeyId, body.status)).value);
        return { body: { accessKey: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: `${base}/:accessKeyId`, operationId: 'DeleteAccessKey', tag: TAG, summary: 'Delete an access key',
      action: 'iam:DeleteAccessKey', resource: userArn, params: keyParams, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, write }) => ({ body: {}, revision: (await changeOwnKey(store, user, { params: p, write }, (tx) => tx.deleteAccessKey(p.accessKeyId))).revision }),
    },
  ];
}

/**
 * Keys of an account root, for rotating the bootstrap key: as in AWS, IAM policies cannot grant them to anyone else,
 * so only the account's own root may manage them, and only when the engine allows it (an SCP or an explicit deny
 * still applies). Member accounts start without root keys and are administered through their access role.
 */
function rootKeyRoutes(ctx: RouteContext): RouteSpec[] {
  const { store } = ctx;
  const params = { accountId: accountIdSchema };
  const keyParams = { ...params, accessKeyId: keyId };
  const base = '/accounts/:accountId/root/access-keys';
  const resource = ({ params: p }: { params: Record<string, string> }) => rootArn(p.accountId);
  const requireRoot = (caller: Caller, accountId: string): void => {
    if (caller.arn !== rootArn(accountId)) throw new AdminError('access_denied', `only the root of account \`${accountId}\` may manage its root access keys`);
  };
  const root: KeyOwner = {
    owns: (key, p) => key.root === true && key.accountId === p.accountId,
    missing: (p) => `access key \`${p.accessKeyId}\` of the root of \`${p.accountId}\` does not exist`,
  };
  return [
    {
      method: 'post', path: base, operationId: 'CreateRootAccessKey', tag: TAG, summary: 'Create an access key of the account root (at most two); its secret is in this answer only',
      action: 'iam:CreateAccessKey', resource, params, write: true,
      response: { status: 201, schema: entity('accessKey', 'NewAccessKey') },
      handler: async ({ params: p, caller, write }) => {
        requireRoot(caller, p.accountId);
        const w = await write((o) => store.createRootAccessKey(p.accountId, undefined, o));
        return { status: 201, body: { accessKey: w.value }, revision: w.revision };
      },
    },
    {
      method: 'get', path: base, operationId: 'ListRootAccessKeys', tag: TAG, summary: 'The account root\'s access keys (without secrets)',
      action: 'iam:ListAccessKeys', resource, params,
      response: { schema: listOf('AccessKey') },
      handler: async ({ params: p, caller }) => {
        requireRoot(caller, p.accountId);
        return { body: { items: await store.listRootAccessKeys(p.accountId) } };
      },
    },
    {
      method: 'patch', path: `${base}/:accessKeyId`, operationId: 'UpdateRootAccessKey', tag: TAG, summary: 'Activate or deactivate an access key of the account root',
      action: 'iam:UpdateAccessKey', resource, params: keyParams, write: true, body: statusBody,
      response: { schema: entity('accessKey', 'AccessKey') },
      handler: async ({ params: p, body, caller, write }) => {
        requireRoot(caller, p.accountId);
        const w = await changeOwnKey(store, root, { params: p, write }, async (tx) => (await tx.updateAccessKey(p.accessKeyId, body.status)).value);
        return { body: { accessKey: w.value }, revision: w.revision };
      },
    },
    {
      method: 'delete', path: `${base}/:accessKeyId`, operationId: 'DeleteRootAccessKey', tag: TAG, summary: 'Delete an access key of the account root',
      action: 'iam:DeleteAccessKey', resource, params: keyParams, write: true,
      response: { schema: object({}) },
      handler: async ({ params: p, caller, write }) => {
        requireRoot(caller, p.accountId);
        return { body: {}, revision: (await changeOwnKey(store, root, { params: p, write }, (tx) => tx.deleteAccessKey(p.accessKeyId))).revision };
      },
    },
  ];
}

function lastUsedRoute(ctx: RouteContext): RouteSpec {
  const { store } = ctx;
  const keyOf = perRequest(({ params: p }) => store.getAccessKey(p.accessKeyId));
  return {
    method: 'get', path: '/access-keys/:accessKeyId/last-used', operationId: 'GetAccessKeyLastUsed', tag: TAG, summary: 'When and for which service a key was last used',
    action: 'iam:GetAccessKeyLastUsed',
    resource: async (input) => (await orElse(() => keyOf(input), null))?.userArn ?? '*',
    params: { accessKeyId: keyId },
    response: {
      schema: object({
        accessKeyId: { type: 'string' }, userName: { type: 'string' }, accountId: { type: 'string' },
        lastUsed: object({ at: { type: 'string' }, service: { type: 'string' } }),
      }, ['accessKeyId', 'userName', 'accountId', 'lastUsed']),
    },
    handler: async (input) => {
      const key = await keyOf(input);
      const lastUsed = { ...(key.lastUsedAt ? { at: key.lastUsedAt } : {}), ...(key.lastUsedService ? { service: key.lastUsedService } : {}) };
      return { body: { accessKeyId: key.accessKeyId, userName: key.userName, accountId: key.accountId, lastUsed } };
    },
  };
}
