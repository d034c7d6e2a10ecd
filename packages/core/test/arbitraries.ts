// fast-check arbitraries for property tests: random valid policies and worlds over the small
// vocabulary, random requests, and the edits the properties make (add a statement, shuffle).

import fc from 'fast-check';
import type { AuthzRequest, PrincipalInput } from '../src/model/decision.ts';
import * as V from './vocabulary.ts';

/** A statement and a document as the tests build them (Statement always an array). */
export type Stmt = Record<string, unknown>;
export type Doc = { Version: string; Statement: Stmt[] };
/** Which grammar a statement follows. */
export type Shape = 'identity' | 'resource' | 'trust' | 'scp';

/** Wraps statements into a 2012-10-17 document. */
export const doc = (statements: Stmt[]): Doc => ({ Version: '2012-10-17', Statement: statements });
const oneOrMany = (xs: unknown[], single: boolean): unknown => (single && xs.length === 1 ? xs[0] : xs);

/** Half the conditions on a multi-valued key take a set qualifier; the others see its list values bare. */
const qualifierArb = (key: string): fc.Arbitrary<string | null> =>
  V.MULTI_VALUED_KEYS.has(key) ? fc.constantFrom(null, null, ...V.SET_QUALIFIERS) : fc.constant(null);

const conditionEntryArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...V.CONDITION_KEYS).chain((k) =>
    fc.record({
      qualifier: qualifierArb(k.key),
      op: fc.constantFrom(...k.operators),
      ifExists: fc.boolean(),
      values: fc.subarray(k.values, { minLength: 1, maxLength: k.maxValues ?? 2 }),
    }).map(({ qualifier, op, ifExists, values }) => ({ op: `${qualifier ? `${qualifier}:` : ''}${op}${ifExists ? 'IfExists' : ''}`, key: k.key, values }))) },
  { weight: 1, arbitrary: fc.record({ key: fc.constantFrom(...V.CONDITION_KEYS.map((k) => k.key)), values: fc.constantFrom<unknown[]>(['true'], ['false']) })
    .map(({ key, values }) => ({ op: 'Null', key, values })) },
);

/** An optional Condition block of one or two entries. */
export const conditionArb = fc.option(
  fc.array(conditionEntryArb, { minLength: 1, maxLength: 2 }).map((entries) => {
    const block: Record<string, Record<string, unknown>> = {};
    for (const e of entries) (block[e.op] ??= {})[e.key] = e.values.length === 1 ? e.values[0] : e.values;
    return block;
  }),
  { freq: 3, nil: undefined },
);

/** A valid statement of `shape`; `effect` fixes the effect. */
export function statementArb(shape: Shape, effect?: 'Allow' | 'Deny'): fc.Arbitrary<Stmt> {
  return fc.record({
    effect: effect ? fc.constant(effect) : fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Allow', 'Allow', 'Deny'),
    notAction: fc.constantFrom(false, false, false, true),
    actions: shape === 'trust'
      ? fc.subarray(['sts:AssumeRole', 'sts:*', 'sts:TagSession'], { minLength: 1 })
      : fc.subarray(V.ACTION_PATTERNS, { minLength: 1, maxLength: 3 }),
    notResource: fc.constantFrom(false, false, false, true),
    resources: fc.subarray(V.RESOURCE_PATTERNS, { minLength: 1, maxLength: 3 }),
    principal: fc.constantFrom(...V.PRINCIPAL_VALUES),
    notPrincipal: fc.constantFrom(false, false, false, false, true),
    condition: conditionArb,
    single: fc.boolean(),
  }).map((r) => {
    const s: Stmt = { Effect: r.effect };
    if (shape === 'resource' || shape === 'trust') {
      const negate = r.notPrincipal && r.effect === 'Deny' && shape === 'resource' && r.principal !== '*';
      s[negate ? 'NotPrincipal' : 'Principal'] = r.principal;
    }
    s[r.notAction && shape !== 'trust' ? 'NotAction' : 'Action'] = oneOrMany(r.actions, r.single);
    if (shape !== 'trust') s[r.notResource && shape !== 'scp' ? 'NotResource' : 'Resource'] = oneOrMany(r.resources, r.single);
    if (r.condition) s.Condition = r.condition;
    return s;
  });
}

/** A valid document of one to three statements. */
export const policyArb = (shape: Shape, effect?: 'Allow' | 'Deny'): fc.Arbitrary<Doc> =>
  fc.array(statementArb(shape, effect), { minLength: 1, maxLength: 3 }).map(doc);

/** The random parts of a property-test world; `buildWorld` assembles the snapshot. */
export interface WorldParts {
  /** Documents of P0..P4. */
  managed: Doc[];
  boundary: Doc;
  /** Deny-only SCP on the workloads OU (FullAWSAccess is everywhere). */
  scp?: Doc;
  inline: { alice?: Doc; devs?: Doc; app?: Doc };
  trust: Doc;
  bucketPolicy?: Doc;
  ordersPolicy?: Doc;
  /** Indexes into P0..P3 attached to each principal of account A. */
  attach: { alice: number[]; bob: number[]; devs: number[]; app: number[] };
  bounded: { alice: boolean; bob: boolean; app: boolean };
  tags: { bucket: string; orders: string };
}

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { freq, nil: undefined });
const oneInThree = fc.constantFrom(false, false, true);
const indexes = fc.subarray([0, 1, 2, 3], { minLength: 1, maxLength: 3 });

/** Random world parts: identity policies lean to Allow, the boundary to broad Allows. */
export const worldPartsArb: fc.Arbitrary<WorldParts> = fc.record({
  managed: fc.array(policyArb('identity'), { minLength: 5, maxLength: 5 }),
  boundary: policyArb('identity', 'Allow'),
  scp: maybe(policyArb('scp', 'Deny'), 3),
  inline: fc.record({ alice: maybe(policyArb('identity')), devs: maybe(policyArb('identity')), app: maybe(policyArb('identity')) }),
  trust: policyArb('trust'),
  bucketPolicy: maybe(policyArb('resource'), 3),
  ordersPolicy: maybe(policyArb('resource')),
  attach: fc.record({ alice: indexes, bob: indexes, devs: indexes, app: indexes }),
  bounded: fc.record({ alice: oneInThree, bob: oneInThree, app: oneInThree }),
  tags: fc.record({ bucket: fc.constantFrom('red', 'blue'), orders: fc.constantFrom('red', 'blue') }),
});

/** A multi-valued key's value: one value, a list of strings, or the empty list (ForAllValues is true on it, ForAnyValue false). */
const multiValueArb = (values: unknown[]): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...values) },
  { weight: 2, arbitrary: fc.subarray(values.map(String), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant([]) },
);

const contextArb = fc.record(
  Object.fromEntries(Object.entries(V.CONTEXT_VALUES).map(([k, values]) =>
    [k, V.MULTI_VALUED_KEYS.has(k) ? multiValueArb(values) : fc.constantFrom(...values)])),
  { requiredKeys: [] },
);

/** A principal of the world, a role session (with or without session policies) or an account root. */
export const principalArb: fc.Arbitrary<PrincipalInput> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(V.ALICE, V.BOB, V.CAROL, V.APP, V.APP_SESSION).map((arn) => ({ arn })) },
  { weight: 1, arbitrary: fc.constant({ arn: `arn:aws:iam::${V.ACCT_A}:root` }) },
  { weight: 2, arbitrary: maybe(fc.array(policyArb('identity', 'Allow'), { minLength: 1, maxLength: 2 }), 3)
    .map((policies) => ({ session: { roleArn: V.APP, sessionName: 's1', ...(policies ? { policies } : {}) } })) },
);

/** A well-formed request over the vocabulary. */
export const requestArb: fc.Arbitrary<AuthzRequest> = fc.record({
  principal: principalArb,
  mfa: fc.option(fc.boolean(), { nil: undefined }),
  action: fc.constantFrom(...V.ACTIONS),
  resource: fc.constantFrom(...V.RESOURCES),
  context: contextArb,
  time: fc.constantFrom(...V.TIMES),
}).map(({ principal, mfa, action, resource, context, time }) => ({
  principal: mfa === undefined ? principal : { ...principal, mfaPresent: mfa },
  action, resource, context: context as AuthzRequest['context'], time: time as AuthzRequest['time'],
}));

/** A handful of requests decided together. */
export const requestsArb = fc.array(requestArb, { minLength: 6, maxLength: 10 });
