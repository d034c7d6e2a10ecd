// An index over a world for drawing requests: each principal's statements, each account's
// concrete resources, and the turning of a statement's patterns into a concrete action and ARN.

import type { PolicyDocument } from '../src/model/policy.ts';
import type { InlinePolicy, WorldSnapshot } from '../src/model/snapshot.ts';
import type { Rng } from './prng.ts';
import { ALL_ACTIONS, ALLOWED_REGIONS } from './vocab.ts';

type Statement = Record<string, unknown>;

/** A user or role with the identity statements that apply to it. */
export interface PrincipalInfo {
  arn: string;
  kind: 'user' | 'role';
  account: string;
  /** The name after the last `/` of the ARN. */
  name: string;
  tags: Record<string, string>;
  allow: Statement[];
  deny: Statement[];
}

/** What the request generator draws from. */
export interface RequestIndex {
  principals: PrincipalInfo[];
  accounts: string[];
  homeRegion(account: string): string;
  /** A concrete action and resource the statement's patterns match, when one can be found. */
  fromStatement(rng: Rng, p: PrincipalInfo, statement: Statement): [string, string] | undefined;
  /** A concrete resource of `service` in `account`. */
  resourceFor(rng: Rng, account: string, service: string, p: PrincipalInfo): string;
}

/** Children drawn under each bucket and each orders/invoices parent. */
const CHILDREN_PER_PARENT = 3;
const PATTERN_CACHE_LIMIT = 10_000;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const statementsOf = (d: PolicyDocument | undefined): Statement[] => {
  const parsed = typeof d === 'string' ? JSON.parse(d) : d;
  const s = parsed?.Statement;
  return Array.isArray(s) ? s : s ? [s] : [];
};
const accountOf = (arn: string): string => arn.split(':')[4] ?? '';
const push = (map: Map<string, string[]>, key: string, value: string): void => {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
};

/** Builds the index (the rng draws the child resources, so the index is deterministic too). */
export function indexWorld(world: WorldSnapshot, rng: Rng): RequestIndex {
  const docs = new Map((world.policies ?? []).map((p) => [p.arn, p.document]));
  const groups = new Map((world.groups ?? []).map((g) => [g.arn, g]));
  const collect = (managed: string[] | undefined, inline: InlinePolicy[] | undefined): Statement[] => [
    ...(managed ?? []).flatMap((arn) => statementsOf(docs.get(arn))),
    ...(inline ?? []).flatMap((i) => statementsOf(i.document)),
  ];
  const principals: PrincipalInfo[] = [];
  const add = (arn: string, kind: 'user' | 'role', tags: Record<string, string> | undefined, statements: Statement[]): void => {
    const allow = statements.filter((s) => s.Effect === 'Allow');
    const deny = statements.filter((s) => s.Effect === 'Deny');
    principals.push({ arn, kind, account: accountOf(arn), name: arn.split('/').pop()!, tags: tags ?? {}, allow, deny });
  };
  for (const u of world.users ?? []) {
    const fromGroups = (u.groups ?? []).flatMap((g) => collect(groups.get(g)?.managedPolicies, groups.get(g)?.inlinePolicies));
    add(u.arn, 'user', u.tags, [...collect(u.managedPolicies, u.inlinePolicies), ...fromGroups]);
  }
  for (const r of world.roles ?? []) add(r.arn, 'role', r.tags, collect(r.managedPolicies, r.inlinePolicies));

  const concrete = new Map<string, string[]>();
  const regions = new Map<string, string>();
  const put = (account: string, arn: string): void => push(concrete, account, arn);
  for (const r of world.resources ?? []) {
    const account = accountOf(r.arn) || r.accountId || '';
    const region = r.arn.split(':')[3];
    if (region && !regions.has(account)) regions.set(account, region);
    put(account, r.arn);
    const service = r.arn.split(':')[2];
    for (let k = 0; k < CHILDREN_PER_PARENT; k++) {
      const home = principals.length > 0 ? `home/${rng.pick(principals).name}` : 'home';
      if (service === 's3') put(account, `${r.arn}/${rng.pick(['data', 'public', home])}/obj-${rng.int(1, 999)}.json`);
      if (service === 'orders' || service === 'invoices') put(account, `${r.arn}/${rng.int(1, 99999)}`);
    }
  }
  for (const p of [...(world.users ?? []), ...(world.roles ?? [])]) put(accountOf(p.arn), p.arn);

  const byService = new Map<string, string[]>();
  for (const [account, arns] of concrete) {
    for (const arn of arns) {
      const key = `${account}|${arn.split(':')[2]}`;
      push(byService, key, arn);
    }
  }
  const patterns = new Map<string, RegExp>();
  const glob = (pattern: string, flags: string): RegExp => {
    const key = flags + pattern;
    let re = patterns.get(key);
    if (!re) {
      if (patterns.size > PATTERN_CACHE_LIMIT) patterns.clear();
      const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
      re = new RegExp(`^${body}$`, flags);
      patterns.set(key, re);
    }
    return re;
  };
  const homeRegion = (account: string): string => regions.get(account) ?? ALLOWED_REGIONS[0];
  const resourceFor = (r: Rng, account: string, service: string, p: PrincipalInfo): string => {
    const pool = byService.get(`${account}|${service}`) ?? [];
    if (pool.length > 0) return r.pick(pool);
    const region = service === 'iam' || service === 's3' ? '' : homeRegion(account);
    return `arn:aws:${service}:${region}:${service === 's3' ? '' : account}:thing/${p.name}-${r.int(1, 999)}`;
  };

  const pickAction = (r: Rng, s: Statement): string | undefined => {
    if (s.NotAction !== undefined) {
      const excluded = list(s.NotAction).map((a) => glob(a, 'i'));
      const open = ALL_ACTIONS.filter((a) => !excluded.some((re) => re.test(a)));
      return open.length > 0 ? r.pick(open) : undefined;
    }
    const re = glob(r.pick(list(s.Action)), 'i');
    const matching = ALL_ACTIONS.filter((a) => re.test(a));
    return matching.length > 0 ? r.pick(matching) : undefined;
  };
  const pickResource = (r: Rng, p: PrincipalInfo, s: Statement, service: string): string => {
    if (s.NotResource !== undefined) {
      const excluded = list(s.NotResource).map((x) => glob(substitute(x, p), ''));
      const pool = (concrete.get(p.account) ?? []).filter((arn) => !excluded.some((re) => re.test(arn)));
      return pool.length > 0 ? r.pick(pool) : resourceFor(r, p.account, service, p);
    }
    const pattern = substitute(r.pick(list(s.Resource)), p);
    if (pattern === '*') return resourceFor(r, p.account, service, p);
    if (!/[*?]/.test(pattern)) return pattern;
    const re = glob(pattern, '');
    const pool = (concrete.get(p.account) ?? []).filter((arn) => re.test(arn));
    return pool.length > 0 ? r.pick(pool) : fill(r, pattern, p.account, homeRegion(p.account));
  };
  return {
    principals,
    accounts: [...new Set((world.accounts ?? []).map((a) => a.id))],
    homeRegion,
    resourceFor,
    fromStatement(r, p, s) {
      const action = pickAction(r, s);
      return action ? [action, pickResource(r, p, s, action.split(':')[0])] : undefined;
    },
  };
}

/** Replaces the policy variables the generated policies use with the principal's values. */
function substitute(pattern: string, p: PrincipalInfo): string {
  return pattern.replace(/\$\{([^}]*)\}/g, (_m, key: string) => {
    if (key === 'aws:username') return p.name;
    if (key.startsWith('aws:PrincipalTag/')) return p.tags[key.slice('aws:PrincipalTag/'.length)] ?? 'none';
    return 'x';
  });
}

/** Turns a wildcard ARN pattern into a concrete ARN field by field. */
function fill(r: Rng, pattern: string, account: string, region: string): string {
  const parts = pattern.split(':');
  if (parts.length < 6) return pattern.replace(/[*?]/g, 'x');
  const head = parts.slice(0, 5);
  if (head[3].includes('*') || head[3].includes('?')) head[3] = region;
  if (head[4].includes('*') || head[4].includes('?')) head[4] = account;
  const rest = parts.slice(5).join(':').replace(/\*/g, () => `gen${r.int(1, 999)}`).replace(/\?/g, 'x');
  return [...head, rest].join(':');
}
