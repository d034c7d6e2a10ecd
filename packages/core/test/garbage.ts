// Arbitraries for hostile input: malformed requests and policy documents, huge and odd strings,
// values of every type; plus the classification of a request the engine must deny.

import fc from 'fast-check';
import { hasErrors, parsePolicy } from '../src/index.ts';
import type { PolicyDocument } from '../src/model/policy.ts';
import { doc, policyArb, type Doc } from './arbitraries.ts';
import * as V from './vocabulary.ts';

const HUGE = 100_000;

/** Strings that stress decoding and matching: empty, wildcards, NUL, lone surrogates, emoji, huge. */
export const oddStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '', '*', '?', ':::', '::::::', 'arn:aws', 'arn:aws:iam::111111111111:user/alice\u0000', 's3:GetObject\u0000', '\uD800',
    '\uDFFF\uD800', 'ａｒｎ:aws:s3:::bkt/a.txt', 'S3:GETOBJECT', 's3:', ':GetObject', 'arn:aws:s3:::bkt/𝒶.txt', '${aws:username}',
    'a'.repeat(HUGE), `arn:aws:s3:::bkt/${'x'.repeat(HUGE)}`, '😀'.repeat(HUGE / 4), `${'s3:'.repeat(HUGE / 3)}GetObject`,
  ),
  fc.constantFrom(...V.ACTIONS, ...V.RESOURCES),
);

/** Any value at all, including BigInt, null-prototype objects, Maps, Sets, typed arrays, sparse arrays. */
export const anyValueArb: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

const scalarArb = fc.oneof(oddStringArb, fc.double(), fc.integer(), fc.boolean());
const contextValueArb = fc.oneof(scalarArb, fc.array(scalarArb, { maxLength: 4 }), anyValueArb);
const contextKeyArb = fc.oneof(
  oddStringArb,
  fc.constantFrom('aws:SourceIp', 'orders:Amount', 'aws:CurrentTime', 'aws:PrincipalArn', 'aws:username', 'aws:PrincipalTag/team', 'aws:MultiFactorAuthPresent', 'aws:ResourceTag/team', '__proto__', 'constructor'),
);
const contextArb = fc.oneof(fc.dictionary(contextKeyArb, contextValueArb, { maxKeys: 5 }), anyValueArb);

const unknownArnArb = fc.oneof(fc.constantFrom(...V.UNKNOWN_ARNS), oddStringArb);
const sessionArb = fc.record(
  {
    roleArn: fc.oneof(unknownArnArb, fc.constant(V.APP), anyValueArb),
    sessionName: fc.oneof(oddStringArb, anyValueArb),
    policies: fc.oneof(fc.array(fc.oneof(anyValueArb, policyArb('identity')), { maxLength: 2 }), anyValueArb),
    policyArns: fc.oneof(fc.array(fc.oneof(oddStringArb, fc.constant(V.MANAGED[0])), { maxLength: 2 }), anyValueArb),
    tags: fc.oneof(fc.dictionary(oddStringArb, oddStringArb, { maxKeys: 3 }), anyValueArb),
    issuedAt: anyValueArb,
  },
  { requiredKeys: [] },
);

/** Principal inputs: unknown ARNs, odd sessions, several identity fields at once, not an object at all. */
const principalArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ arn: unknownArnArb }) },
  { weight: 2, arbitrary: fc.record({ arn: fc.constantFrom(V.ALICE, V.BOB, V.APP_SESSION), mfaPresent: anyValueArb, mfaAuthenticatedAt: anyValueArb }, { requiredKeys: ['arn'] }) },
  { weight: 3, arbitrary: fc.record({ session: sessionArb }) },
  { weight: 1, arbitrary: fc.record({ arn: fc.constant(V.ALICE), session: sessionArb }) },
  { weight: 1, arbitrary: fc.record({ arn: fc.constant(V.ALICE), service: oddStringArb }) },
  { weight: 1, arbitrary: fc.record({ service: oddStringArb, federated: oddStringArb }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ arn: anyValueArb }) },
  { weight: 1, arbitrary: anyValueArb },
);

/** Requests with any field missing, of the wrong type, or odd; most with a real action and resource so the principal decides. */
export const garbageRequestArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      principal: principalArb,
      action: fc.constantFrom(...V.ACTIONS),
      resource: fc.constantFrom(...V.RESOURCES),
      context: contextArb,
      time: fc.oneof(fc.constantFrom(...V.TIMES), oddStringArb, fc.double(), anyValueArb),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        principal: principalArb,
        action: fc.oneof(oddStringArb, anyValueArb),
        resource: fc.oneof(oddStringArb, anyValueArb),
        resourceAccount: fc.oneof(oddStringArb, anyValueArb),
        context: contextArb,
        time: fc.oneof(fc.constantFrom(...V.TIMES), oddStringArb, fc.double(), anyValueArb),
        explain: anyValueArb,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValueArb },
);

const present = (o: Record<string, unknown>, k: string): boolean => o[k] !== undefined;
const KNOWN_ARNS = new Set([V.ALICE, V.BOB, V.CAROL, V.APP]);
const APP_SESSION_RE = new RegExp(`^arn:aws:sts::${V.ACCT_A}:assumed-role/app/[^/]+$`);
const ROOT_RE = /^arn:aws:iam::\d{12}:root$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether the engine must deny `request` whatever the policies say: it is malformed (not an object,
 * action or resource not a string, principal without exactly one identity field), names a
 * principal the world does not know, or is a session whose session policies cannot be read or
 * found. Undefined when the request may be decided either way.
 */
export function mustDeny(request: unknown): 'malformed' | 'unknown principal' | 'malformed session policy' | undefined {
  if (!isObject(request) || typeof request.action !== 'string' || typeof request.resource !== 'string') return 'malformed';
  const p = request.principal;
  if (!isObject(p)) return 'malformed';
  const fields = ['arn', 'session', 'service', 'federated'].filter((k) => present(p, k));
  if (fields.length !== 1) return 'malformed';
  if (fields[0] === 'arn') {
    if (typeof p.arn !== 'string') return 'malformed';
    if (KNOWN_ARNS.has(p.arn) || APP_SESSION_RE.test(p.arn) || ROOT_RE.test(p.arn)) return undefined;
    return 'unknown principal';
  }
  if (fields[0] === 'session') {
    const s = p.session;
    if (!isObject(s) || typeof s.roleArn !== 'string') return 'malformed';
    if (s.roleArn !== V.APP) return 'unknown principal';
    return badSessionPolicies(s);
  }
  return undefined;
}

/** A session whose session policies cannot all be read must not fall back to the role's full permissions. */
function badSessionPolicies(s: Record<string, unknown>): 'malformed session policy' | undefined {
  const { policies, policyArns } = s;
  if (policies !== undefined) {
    if (!Array.isArray(policies)) return 'malformed session policy';
    if (policies.some((d) => d === undefined || hasErrors(parsePolicy(d as PolicyDocument, 'session').findings))) return 'malformed session policy';
  }
  if (policyArns !== undefined) {
    if (!Array.isArray(policyArns) || policyArns.some((a) => typeof a !== 'string' || !V.MANAGED.includes(a))) return 'malformed session policy';
  }
  return undefined;
}

type Mutator = (d: Doc) => unknown;
const first = (d: Doc): Record<string, unknown> => d.Statement[0];
const edit = (f: (s: Record<string, unknown>, d: Doc) => void): Mutator => (d) => {
  const c = structuredClone(d);
  f(first(c), c);
  return c;
};

/** Ways to break a valid document, most of which validation must reject. */
const MUTATORS: Mutator[] = [
  edit((s) => (s.Effect = 'allow')),
  edit((s) => (s.Effect = 42)),
  edit((s) => delete s.Effect),
  edit((s) => { delete s.Action; delete s.NotAction; }),
  edit((s) => { s.Action = 's3:GetObject'; s.NotAction = 's3:PutObject'; }),
  edit((s) => (s.Foo = 'bar')),
  edit((_s, d) => (d.Statement = [])),
  edit((_s, d) => ((d as Record<string, unknown>).Statement = 'x')),
  edit((_s, d) => (d.Version = '2020-01-01')),
  edit((s) => (s.Condition = { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } })),
  edit((s) => (s.Condition = { NumericLessThan: { 'orders:Amount': 'abc' } })),
  edit((s) => (s.Condition = { DateLessThan: { 'aws:CurrentTime': 'yesterday' } })),
  edit((s) => (s.Condition = { StringEqualz: { 'aws:username': 'alice' } })),
  edit((s) => (s.Condition = { StringEquals: { 'aws:username': { nested: true } } })),
  edit((s) => (s.Condition = { NumericLessThan: { 'orders:Amount': '${aws:username}' } })),
  edit((s) => (s.Condition = 'always')),
  edit((s) => (s.Principal = '*')),
  edit((s) => (s.Resource = 123)),
  edit((s) => (s.Action = ['s3:Get*', 42])),
  edit((s) => (s.Action = [])),
  edit((s) => (s.Action = 'noservice')),
  edit((s) => (s.Sid = 'bad sid ✓')),
  edit((s, d) => d.Statement.push({ ...s })),
  edit((s, d) => { s.Sid = 'Dup'; d.Statement.push({ ...s, Sid: 'Dup' }); }),
  (d) => ({ ...d, Statement: Array.from({ length: 400 }, () => d.Statement[0]) }),
  (d) => JSON.stringify(d),
  (d) => JSON.stringify(d).slice(0, -2),
  (d) => `${JSON.stringify(d)} trailing`,
  (d) => d.Statement[0],
  (d) => [d],
];

/** Documents that may or may not be valid: mutated valid ones, any JSON, any string. */
export const oddDocumentArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(policyArb('identity'), fc.constantFrom(...MUTATORS)).map(([d, m]) => m(d)) },
  { weight: 2, arbitrary: policyArb('identity') },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: oddStringArb },
  { weight: 1, arbitrary: fc.constant(doc([])) },
);

const KINDS = ['organization', 'ou', 'account', 'policy', 'user', 'group', 'role', 'resource'];
/** Tag maps as JSON can carry them: values of the wrong type, odd keys; or not a map at all. */
const oddTagsArb = fc.oneof(fc.dictionary(oddStringArb, fc.oneof(oddStringArb, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }), fc.jsonValue({ maxDepth: 2 }), anyValueArb);
const oddListArb = fc.oneof(fc.array(fc.oneof(oddStringArb, fc.constantFrom(V.MANAGED[0], V.DEVS, 'arn:aws:iam::111111111111:policy/missing'), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }), anyValueArb);

/** Principal-shaped entities with odd fields (a role ARN put as a user and the reverse included). */
const oddPrincipalArb = fc.record(
  {
    arn: fc.oneof(unknownArnArb, fc.constantFrom(V.ALICE, V.APP, V.DEVS)),
    groups: oddListArb,
    managedPolicies: oddListArb,
    inlinePolicies: fc.oneof(fc.array(fc.record({ name: oddStringArb, document: oddDocumentArb }), { maxLength: 2 }), anyValueArb),
    permissionsBoundary: fc.oneof(anyValueArb, oddStringArb),
    tags: oddTagsArb,
    trustPolicy: oddDocumentArb,
    maxSessionDuration: fc.oneof(fc.integer(), fc.double(), anyValueArb),
  },
  { requiredKeys: ['arn'] },
);
/** Resource-shaped entities with odd fields. */
const oddResourceArb = fc.record({ arn: fc.oneof(oddStringArb, fc.constantFrom(V.BUCKET, V.ORDERS)), accountId: fc.oneof(oddStringArb, anyValueArb), policy: oddDocumentArb, tags: oddTagsArb }, { requiredKeys: [] });

/** Changes with odd kinds, keys and values: entities missing fields, of the wrong type, or unknown. */
export const garbageChangeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ op: fc.constant('put'), kind: fc.constantFrom(...KINDS), value: anyValueArb }),
  fc.record({ op: fc.constant('put'), kind: fc.constantFrom('user', 'role', 'group'), value: oddPrincipalArb }),
  fc.record({ op: fc.constant('put'), kind: fc.constant('resource'), value: oddResourceArb }),
  fc.record({ op: fc.constant('delete'), kind: fc.oneof(fc.constantFrom(...KINDS), oddStringArb), key: fc.oneof(oddStringArb, fc.constantFrom(V.ALICE, V.DEVS, V.MANAGED[0], V.BUCKET), anyValueArb) }),
  fc.record({ op: oddStringArb, kind: oddStringArb }),
  anyValueArb,
);

/** One odd entity to place into a snapshot's list (`users`, `roles`, `groups`, `resources`). */
export const oddEntityArb: fc.Arbitrary<{ list: 'users' | 'roles' | 'groups' | 'resources'; value: unknown }> = fc.oneof(
  fc.record({ list: fc.constantFrom<'users' | 'roles' | 'groups'>('users', 'roles', 'groups'), value: fc.oneof({ weight: 4, arbitrary: oddPrincipalArb }, { weight: 1, arbitrary: anyValueArb }) }),
  fc.record({ list: fc.constant<'resources'>('resources'), value: fc.oneof({ weight: 4, arbitrary: oddResourceArb }, { weight: 1, arbitrary: anyValueArb }) }),
);
