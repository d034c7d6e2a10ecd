// The world as the engine holds it: JS mirrors of every entity and their compiled blocks in the image.
// Loading a snapshot and applying changes both go through the same per-entity put/delete operations.

import { LAYER_RESOURCE, LAYER_TRUST, NONE, PF_SERVICE_LINKED, PK_ROLE, PK_USER } from '../../assembly/layout.ts';
import type { ParsedPolicy, PolicyType } from '../model/policy.ts';
import type { Group, InlinePolicy, ManagedPolicy, Resource, Role, Tags, User } from '../model/snapshot.ts';
import { parsePolicy } from '../parse/index.ts';
import { writeGroup, writePrincipal, writeResource, type ContextEntries } from './blocks.ts';
import type { Image } from './image.ts';
import { OrgState } from './org.ts';
import { StatementIndexes } from './statement-index.ts';

/** A world or change the engine cannot load; the message names the entity and the problem. */
export class WorldError extends Error {}

/** Parse a policy document or throw a WorldError naming it and its first errors. */
export function parseOrThrow(document: unknown, type: PolicyType, what: string): ParsedPolicy {
  const { policy, findings } = parsePolicy(document as never, type);
  const errors = findings.filter((f) => f.severity === 'ERROR');
  if (!policy || errors.length > 0) {
    const detail = errors.slice(0, 3).map((f) => `${f.path}: ${f.message}`).join('; ');
    throw new WorldError(`${what} is not a valid ${type} policy${detail ? `: ${detail}` : ''}`);
  }
  return policy;
}

/** The account id field of an ARN (empty when absent). */
export function arnAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The last path segment of an ARN's resource part (`user/path/alice` -> `alice`). */
export function arnName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

/** Policy-table key of an inline policy. */
export const inlineKey = (owner: string, name: string): string => `${owner}#inline/${name}`;

/** A compiled principal the encoder can point requests at. */
export interface PrincipalEntry {
  ptr: number;
  kind: number;
  arn: string;
  account: string;
  /** Role id (roles), for `aws:userid` of sessions. */
  roleId?: string;
  name: string;
}

/** Entity mirrors and their blocks. */
export class World {
  readonly org: OrgState;
  readonly policies = new Map<string, ManagedPolicy>();
  readonly users = new Map<string, User>();
  readonly groups = new Map<string, Group>();
  readonly roles = new Map<string, Role>();
  readonly resources = new Map<string, Resource>();
  /** Users and roles by ARN. */
  readonly principals = new Map<string, PrincipalEntry>();
  /** Role ARN by `ACCOUNT/NAME` (to resolve assumed-role session ARNs). */
  readonly rolesByName = new Map<string, string>();
  /** Bumped whenever a user or role block is written or dropped: resolutions of principals then go stale. */
  principalVersion = 0;
  /** Each principal's identity statements by service, kept in step with the policies and groups below. */
  readonly statementIndexes: StatementIndexes;
  private readonly compiled = new Map<string, { ptr: number; statementIds: number[] }>();
  private readonly inlineKeys = new Map<string, string[]>();

  constructor(readonly image: Image) {
    this.org = new OrgState(image);
    this.statementIndexes = new StatementIndexes(image);
  }

  /** Compile a policy under a table key (or clear it with null); frees what it replaces. */
  setPolicy(key: string, parsed: ParsedPolicy | null): void {
    const next = parsed ? this.image.compilePolicy(parsed, key) : null;
    const old = this.compiled.get(key);
    this.image.policies.set(key, next ? next.ptr : 0);
    this.statementIndexes.policyChanged(this.image.policies.indexOf(key));
    if (next) this.compiled.set(key, { ptr: next.ptr, statementIds: next.statementIds });
    else this.compiled.delete(key);
    if (old) {
      this.image.release(old.ptr);
      this.image.releaseStatementIds(old.statementIds);
    }
  }

  putManagedPolicy(p: ManagedPolicy, parsed: ParsedPolicy): void {
    this.policies.set(p.arn, p);
    this.setPolicy(p.arn, parsed);
  }

  deleteManagedPolicy(arn: string): void {
    this.policies.delete(arn);
    this.setPolicy(arn, null);
  }

  /** Replace an owner's inline policies; returns their policy indexes. */
  private setInline(owner: string, inline: readonly InlinePolicy[] | undefined, parsed: readonly ParsedPolicy[]): number[] {
    const keys = (inline ?? []).map((p) => inlineKey(owner, p.name));
    for (const old of this.inlineKeys.get(owner) ?? []) if (!keys.includes(old)) this.setPolicy(old, null);
    keys.forEach((k, i) => this.setPolicy(k, parsed[i]));
    if (keys.length > 0) this.inlineKeys.set(owner, keys);
    else this.inlineKeys.delete(owner);
    return keys.map((k) => this.image.policies.indexOf(k));
  }

  private principalContext(arn: string, type: string, tags: Tags | undefined, extra: ContextEntries): ContextEntries {
    const entries: ContextEntries = [
      ['aws:PrincipalArn', [arn]],
      ['aws:PrincipalAccount', [arnAccount(arn)]],
      ['aws:PrincipalType', [type]],
      ['aws:PrincipalIsAWSService', ['false']],
      ...extra,
    ];
    for (const [k, v] of Object.entries(tags ?? {})) entries.push([`aws:PrincipalTag/${k}`, [v]]);
    return entries;
  }

  private writePrincipalBlock(entry: Omit<PrincipalEntry, 'ptr'>, flags: number, boundary: string | undefined, policies: number[], groups: number[], context: ContextEntries): void {
    const w = writePrincipal(
      {
        kind: entry.kind,
        arn: entry.arn,
        account: entry.account,
        flags,
        boundary: boundary ? this.image.policies.indexOf(boundary) : NONE,
        policies,
        groups,
        context,
      },
      this.image.keys,
    );
    const block = this.image.commit(w);
    const old = this.principals.get(entry.arn);
    this.principals.set(entry.arn, { ...entry, ptr: block.ptr });
    this.principalVersion++;
    if (old) {
      this.statementIndexes.principalReleased(old.ptr);
      this.image.release(old.ptr);
    }
  }

  putUser(u: User, inline: readonly ParsedPolicy[]): void {
    this.users.set(u.arn, u);
    const name = arnName(u.arn);
    const policies = [...(u.managedPolicies ?? []).map((a) => this.image.policies.indexOf(a)), ...this.setInline(u.arn, u.inlinePolicies, inline)];
    const groups = (u.groups ?? []).map((g) => this.image.groups.indexOf(g));
    const extra: ContextEntries = [['aws:username', [name]]];
    if (u.userId) extra.push(['aws:userid', [u.userId]]);
    const context = this.principalContext(u.arn, 'User', u.tags, extra);
    this.writePrincipalBlock({ kind: PK_USER, arn: u.arn, account: arnAccount(u.arn), name }, 0, u.permissionsBoundary, policies, groups, context);
    this.refreshResource(u.arn);
  }

  deleteUser(arn: string): void {
    if (!this.users.delete(arn)) return;
    this.setInline(arn, [], []);
    this.dropPrincipal(arn);
    this.refreshResource(arn);
  }

  putRole(r: Role, trust: ParsedPolicy, inline: readonly ParsedPolicy[]): void {
    const previous = this.roles.get(r.arn);
    if (previous) this.rolesByName.delete(`${arnAccount(previous.arn)}/${arnName(previous.arn)}`);
    this.roles.set(r.arn, r);
    const name = arnName(r.arn);
    this.rolesByName.set(`${arnAccount(r.arn)}/${name}`, r.arn);
    this.setPolicy(`${r.arn}#trust`, trust);
    const policies = [...(r.managedPolicies ?? []).map((a) => this.image.policies.indexOf(a)), ...this.setInline(r.arn, r.inlinePolicies, inline)];
    const context = this.principalContext(r.arn, 'AssumedRole', r.tags, []);
    const flags = r.serviceLinked ? PF_SERVICE_LINKED : 0;
    this.writePrincipalBlock({ kind: PK_ROLE, arn: r.arn, account: arnAccount(r.arn), name, roleId: r.roleId }, flags, r.permissionsBoundary, policies, [], context);
    this.refreshResource(r.arn);
  }

  deleteRole(arn: string): void {
    if (!this.roles.delete(arn)) return;
    this.rolesByName.delete(`${arnAccount(arn)}/${arnName(arn)}`);
    this.setPolicy(`${arn}#trust`, null);
    this.setInline(arn, [], []);
    this.dropPrincipal(arn);
    this.refreshResource(arn);
  }

  private dropPrincipal(arn: string): void {
    const old = this.principals.get(arn);
    if (!old) return;
    this.principals.delete(arn);
    this.principalVersion++;
    this.statementIndexes.principalReleased(old.ptr);
    this.image.release(old.ptr);
  }

  putGroup(g: Group, inline: readonly ParsedPolicy[]): void {
    this.groups.set(g.arn, g);
    const policies = [...(g.managedPolicies ?? []).map((a) => this.image.policies.indexOf(a)), ...this.setInline(g.arn, g.inlinePolicies, inline)];
    const block = this.image.commit(writeGroup(policies));
    this.image.release(this.image.groups.set(g.arn, block.ptr));
    this.statementIndexes.groupChanged(this.image.groups.indexOf(g.arn));
  }

  deleteGroup(arn: string): void {
    if (!this.groups.delete(arn)) return;
    this.setInline(arn, [], []);
    this.image.release(this.image.groups.set(arn, 0));
    this.statementIndexes.groupChanged(this.image.groups.indexOf(arn));
  }

  putResource(r: Resource, policy: ParsedPolicy | null): void {
    this.resources.set(r.arn, r);
    this.setPolicy(`${r.arn}#resource`, policy);
    this.refreshResource(r.arn);
  }

  deleteResource(arn: string): void {
    if (!this.resources.delete(arn)) return;
    this.setPolicy(`${arn}#resource`, null);
    this.refreshResource(arn);
  }

  /**
   * Rewrite the resource entry of an ARN from what the world holds for it: a stored resource first,
   * else a role (trust policy and role tags), else a user (user tags), else no entry.
   */
  private refreshResource(arn: string): void {
    const stored = this.resources.get(arn);
    const role = this.roles.get(arn);
    const user = this.users.get(arn);
    let spec: Parameters<typeof writeResource>[0] | null = null;
    if (stored) {
      const policy = stored.policy === undefined ? NONE : this.image.policies.indexOf(`${arn}#resource`);
      spec = { arn, account: stored.accountId, policy, layer: LAYER_RESOURCE, tags: stored.tags };
    } else if (role) {
      spec = { arn, account: arnAccount(arn), policy: this.image.policies.indexOf(`${arn}#trust`), layer: LAYER_TRUST, tags: role.tags };
    } else if (user && user.tags && Object.keys(user.tags).length > 0) {
      spec = { arn, account: arnAccount(arn), policy: NONE, layer: LAYER_RESOURCE, tags: user.tags };
    }
    const old = this.image.resources.get(arn);
    if (spec) this.image.resources.set(arn, this.image.commit(writeResource(spec, this.image.keys)).ptr);
    else this.image.resources.remove(arn);
    if (old !== undefined) this.image.release(old);
  }
}
