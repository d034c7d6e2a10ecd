// Compiling one parsed policy into a policy block: a list of statement records with their actions,
// resources, principals and conditions laid out for the evaluator.

import { PLF_ALLOWS_ALL, PEK_ACCOUNT, PEK_ANY, PEK_ARN, PEK_FEDERATED, PEK_NEVER, PEK_SERVICE, PE_SIZE, PE_VALUE, SF_ANY_ACTION, SF_ANY_RESOURCE, SF_ANY_SERVICE, SF_DENY, SF_NOT_ACTION, SF_NOT_PRINCIPAL, SF_NOT_RESOURCE, ST_ACTIONS, ST_ACTION_BITS, ST_CONDITIONS, ST_FLAGS, ST_ID, ST_PRINCIPALS, ST_RESOURCES, ST_SERVICES, ST_SIZE } from '../../assembly/layout.ts';
import type { ParsedPolicy, ParsedStatement, PrincipalEntry } from '../model/policy.ts';
import { isEveryone } from '../parse/parse-principal.ts';
import { BlockWriter } from '../wasm/heap.ts';
import { writeCondition } from './conditions.ts';
import type { KeyTable } from './keys.ts';
import { ACTION_MODE, ALL_ACTION_BITS, actionBits, asciiLower, writePattern, writeResourcePattern } from './patterns.ts';

/** What explanations say about a statement. */
export interface StatementMeta {
  policyId: string;
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Set for inline session policies: the policy id depends on the request (`session#<n>`). */
  session?: boolean;
}

/** Services and statement ids the compiler draws on (owned by the world). */
export interface CompileContext {
  keys: KeyTable;
  serviceId(prefix: string): number;
  newStatementId(meta: StatementMeta): number;
  releaseStatementIds(ids: readonly number[]): void;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

/** Kind and value of a principal entry. */
function principalKind(e: PrincipalEntry): [number, string] {
  if (isEveryone(e)) return [PEK_ANY, ''];
  if (e.type === 'AWS') {
    if (ACCOUNT_ID.test(e.value)) return [PEK_ACCOUNT, e.value];
    const root = ROOT_ARN.exec(e.value);
    if (root) return [PEK_ACCOUNT, root[1]];
    return [PEK_ARN, e.value];
  }
  if (e.type === 'Service') return [PEK_SERVICE, e.value];
  if (e.type === 'Federated') return [PEK_FEDERATED, e.value];
  return [PEK_NEVER, e.value];
}

/** Service ids an action list is limited to, or null when it may match any service. */
function servicesOf(actions: readonly string[], ctx: CompileContext): number[] | null {
  const ids = new Set<number>();
  for (const a of actions) {
    const colon = a.indexOf(':');
    const prefix = colon < 0 ? a : a.slice(0, colon);
    if (colon < 0 || /[*?]/.test(prefix)) return null;
    ids.add(ctx.serviceId(asciiLower(prefix)));
  }
  return [...ids];
}

/** Bit of a service id in a policy's service mask (a 64-bit filter: bit = id mod 64). */
export function serviceBit(id: number): bigint {
  return 1n << BigInt(id % 64);
}
const ALL_SERVICES = (1n << 64n) - 1n;

/**
 * Write what every evaluation reads of a statement at `off` (flags, services, actions); returns its service mask.
 * The body follows at once, so that a statement reached through a statement index reads adjacent cache lines.
 */
function writeStatementHead(w: BlockWriter, off: number, s: ParsedStatement, ctx: CompileContext): bigint {
  let flags = s.effect === 'Deny' ? SF_DENY : 0;
  const actions = s.actions ?? s.notActions ?? [];
  if (s.notActions) flags |= SF_NOT_ACTION;
  if (actions.includes('*')) flags |= SF_ANY_ACTION;
  const services = s.notActions ? null : servicesOf(actions, ctx);
  let mask = ALL_SERVICES;
  if (services === null) flags |= SF_ANY_SERVICE;
  else {
    w.ptrAt(off + ST_SERVICES, w.list(services));
    mask = services.reduce((m, id) => m | serviceBit(id), 0n);
  }
  w.ptrAt(off + ST_ACTIONS, w.ptrList(actions.map((a) => writePattern(w, a, ACTION_MODE, ctx.keys))));
  w.u32At(off + ST_ACTION_BITS, s.notActions ? ALL_ACTION_BITS : actionBits(actions));
  if (s.notResources) flags |= SF_NOT_RESOURCE;
  if ((s.resources ?? s.notResources)?.includes('*')) flags |= SF_ANY_RESOURCE;
  if (s.notPrincipals) flags |= SF_NOT_PRINCIPAL;
  w.u32At(off + ST_FLAGS, flags);
  return mask;
}

/** Write the rest of a statement at `off`: resources, principals, conditions and its statement id. */
function writeStatementBody(w: BlockWriter, off: number, s: ParsedStatement, variables: boolean, ctx: CompileContext, policyId: string, session: boolean): void {
  const resources = s.resources ?? s.notResources;
  if (resources) w.ptrAt(off + ST_RESOURCES, w.ptrList(resources.map((r) => writeResourcePattern(w, r, variables, ctx.keys))));
  const principals = s.principals ?? s.notPrincipals;
  if (principals) {
    const entries = principals.map((e) => {
      const [kind, value] = principalKind(e);
      const at = w.reserve(PE_SIZE);
      w.u32At(at, kind);
      if (value !== '') w.ptrAt(at + PE_VALUE, w.string(value));
      return at;
    });
    w.ptrAt(off + ST_PRINCIPALS, w.ptrList(entries));
  }
  w.ptrAt(off + ST_CONDITIONS, w.ptrList(s.conditions.map((c) => writeCondition(w, c, variables, ctx.keys))));
  w.u32At(off + ST_ID, ctx.newStatementId({ policyId, index: s.index, sid: s.sid, effect: s.effect, session: session || undefined }));
}

/** The block of a compiled policy, ready to commit, and the statement ids it took. */
export interface PolicyBlock {
  writer: BlockWriter;
  statementIds: number[];
}

/**
 * Whether a policy only allows, never fails and allows everything: every statement an Allow with no condition and no
 * principal, one of them `Action: *` on `Resource: *`. Without explanations its outcome needs no statement walk.
 */
export function allowsAll(policy: ParsedPolicy): boolean {
  const plain = (s: ParsedStatement): boolean => s.effect === 'Allow' && s.conditions.length === 0 && !s.principals && !s.notPrincipals;
  return policy.statements.every(plain) && policy.statements.some((s) => s.actions?.includes('*') && s.resources?.includes('*'));
}

/**
 * Compile a parsed policy. Block layout: the policy's service mask (u64, POLICY_MASK) so the evaluator
 * can skip a policy none of whose statements can match the action's service, its flags (POLICY_FLAGS), then the
 * list of statement pointers (POLICY_STATEMENTS).
 */
export function compilePolicy(policy: ParsedPolicy, policyId: string, ctx: CompileContext, session = false): PolicyBlock {
  const w = new BlockWriter();
  const n = policy.statements.length;
  const maskAt = w.reserve(8, 8);
  w.u32(allowsAll(policy) ? PLF_ALLOWS_ALL : 0); // POLICY_FLAGS
  const head = w.reserve(4 + 4 * n);
  w.u32At(head, n);
  let mask = 0n;
  const ids: number[] = [];
  const variables = policy.version === '2012-10-17';
  const tracking: CompileContext = {
    keys: ctx.keys,
    serviceId: (prefix) => ctx.serviceId(prefix),
    newStatementId(meta) {
      const id = ctx.newStatementId(meta);
      ids.push(id);
      return id;
    },
    releaseStatementIds: (list) => ctx.releaseStatementIds(list),
  };
  try {
    // each statement whole: header, what filters it, then the rest (see writeStatementHead)
    policy.statements.forEach((s, i) => {
      const off = w.reserve(ST_SIZE);
      w.ptrAt(head + 4 + 4 * i, off);
      mask |= writeStatementHead(w, off, s, tracking);
      writeStatementBody(w, off, s, variables, tracking, policyId, session);
    });
    w.u32At(maskAt, Number(mask & 0xffffffffn));
    w.u32At(maskAt + 4, Number(mask >> 32n));
  } catch (err) {
    ctx.releaseStatementIds(ids);
    throw err;
  }
  return { writer: w, statementIds: ids };
}

