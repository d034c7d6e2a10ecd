// What route factories share: the store, name limits, page sizes and lookups that turn names into ARNs.

import type { ContextValue } from '@iam/core';
import { isStoreError, type ListOptions, type PrincipalRef, type Store } from '@iam/store';
import { iamArn, orgArns, type IamEntityType } from '../arns.ts';
import type { NameLimits } from '../limits.ts';
import type { Simulator } from '../engine/simulator.ts';
import type { RouteInput } from '../http/route.ts';

/** Dependencies of the route factories. */
export interface RouteContext {
  store: Store;
  names: NameLimits;
  defaultPageSize: number;
  maxPageSize: number;
  simulator: Simulator;
}

/** Page options from validated `cursor`, `limit` and `pathPrefix` query parameters. */
export function pageOptions(ctx: RouteContext, query: Record<string, any>): ListOptions {
  const out: ListOptions = { limit: query.limit ?? ctx.defaultPageSize };
  if (query.cursor !== undefined) out.cursor = query.cursor;
  if (query.pathPrefix !== undefined) out.pathPrefix = query.pathPrefix;
  return out;
}

/** Runs `fn`; a `no_such_entity` store error becomes `fallback`. */
export async function orElse<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isStoreError(err, 'no_such_entity')) return fallback;
    throw err;
  }
}

/**
 * `load`, run at most once per request: a route's `resource` and `handler` get the same input, so what the resource
 * looked up is handed on to the handler instead of read again. A failure reaches every caller as it is.
 */
export function perRequest<T>(load: (input: RouteInput) => Promise<T>): (input: RouteInput) => Promise<T> {
  const loaded = new WeakMap<RouteInput, Promise<T>>();
  return (input) => {
    let p = loaded.get(input);
    if (!p) loaded.set(input, (p = load(input)));
    return p;
  };
}

/** The ARN of a user, group or role: the stored one (with its path), else the path-less one. */
export async function principalArn(ctx: RouteContext, ref: PrincipalRef): Promise<string> {
  const { store } = ctx;
  const get = (): Promise<{ arn: string }> =>
    ref.kind === 'user' ? store.getUser(ref.accountId, ref.name) : ref.kind === 'group' ? store.getGroup(ref.accountId, ref.name) : store.getRole(ref.accountId, ref.name);
  return orElse(async () => (await get()).arn, iamArn(ref.accountId, ref.kind, ref.name));
}

/** The ARN pattern of all entities of one type in an account (the resource of List* actions). */
export function allOf(accountId: string, type: IamEntityType): string {
  return iamArn(accountId, type, '*');
}

/** Organizations ARNs need the organization id and management account: read them from the store. */
export async function orgInfo(ctx: RouteContext): Promise<{ id: string; mgmt: string; rootId: string }> {
  const org = await ctx.store.getOrganization();
  return { id: org.id, mgmt: org.managementAccountId, rootId: org.rootId };
}

/** The ARN of the organization. */
export async function organizationArn(ctx: RouteContext): Promise<string> {
  const o = await orgInfo(ctx);
  return orgArns.organization(o.mgmt, o.id);
}

/** The ARN of a root (`r-`), OU (`ou-`) or account (12 digits) node. */
export async function nodeArn(ctx: RouteContext, nodeId: string): Promise<string> {
  const o = await orgInfo(ctx);
  if (nodeId.startsWith('r-')) return orgArns.root(o.mgmt, o.id, nodeId);
  if (nodeId.startsWith('ou-')) return orgArns.ou(o.mgmt, o.id, nodeId);
  return orgArns.account(o.mgmt, o.id, nodeId);
}

/** `aws:RequestTag/K` and `aws:TagKeys` for requests that carry tags. */
export function tagContext(tags: Record<string, string> | undefined): Record<string, ContextValue> {
  if (!tags) return {};
  const out: Record<string, ContextValue> = { 'aws:TagKeys': Object.keys(tags) };
  for (const [k, v] of Object.entries(tags)) out[`aws:RequestTag/${k}`] = v;
  return out;
}
