import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ParsedPolicy, PolicyType } from '../model/policy.ts';
import { parsePolicy } from './parse-policy.ts';
import { OPERATOR_KINDS } from './operators.ts';
import { parseIamNumber } from './number.ts';
import { parseIamDate } from './date.ts';
import { parseCidr } from './cidr.ts';
import { isValidBase64 } from './base64.ts';
import { variableError } from './variables.ts';
import { PRINCIPAL_RULES, RESOURCE_OPTIONAL_TYPES } from './policy-types.ts';

// The promise the compiler relies on: once parsePolicy reports no ERROR, the policy is well-formed.
// Documents are drawn from pools of valid and invalid fragments so both outcomes occur often.

const TYPES: PolicyType[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'];

/** Mostly good fragments, now and then a bad one. */
const mostly = <T>(good: T[], bad: T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const listOf = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));
/** One of `name` / `notName`, rarely neither or both. */
const pair = (name: string, notName: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    { arbitrary: arb.map((v) => ({ [name]: v })), weight: 8 },
    { arbitrary: arb.map((v) => ({ [notName]: v })), weight: 3 },
    { arbitrary: fc.constant({}), weight: 2 },
    { arbitrary: fc.tuple(arb, arb).map(([a, b]) => ({ [name]: a, [notName]: b })), weight: 1 },
  );

const actions = mostly(['*', 's3:GetObject', 's3:*', 'orders:Get?rder', 'execute-api:Invoke'], ['s3', 'bad action', ':x', 's3:Get:Object']);
const resources = mostly(
  ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/${aws:username}', 'arn:aws:orders:eu-west-1:123456789012:order/${*}'],
  ['b', 'arn:aws:${aws:x}:::b', 'arn:aws:s3:::${oops', 'arn:*'],
);
const principals = mostly<unknown>(
  ['*', '*', { AWS: '*' }, { AWS: '123456789012' }, { Service: 'ec2.amazonaws.com' }, { AWS: ['arn:aws:iam::123456789012:role/r', '111122223333'] }],
  [{ AWS: 'arn:aws:iam::*:root' }, 'bob', { aws: '1' }, { AWS: 'x' }],
);
const operators = mostly(
  ['StringEquals', 'StringLikeIfExists', 'ForAnyValue:StringEquals', 'ForAllValues:ArnLike', 'NumericLessThan', 'DateGreaterThanIfExists', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddressIfExists', 'Null'],
  ['NullIfExists', 'StringEqual', 'Foo:StringEquals'],
);
const values = fc.constantFrom<unknown>(
  'x', '10', 10, '2.5e3', 'ten', '2024-01-01', '2024-02-30', 1700000000, true, 'false', 'QUJD', 'QUJ', '10.0.0.0/8', '10.0.0.0/40',
  '::1', '${aws:username}', '${oops', null, ['true', 'false'], [],
);
const condition = fc.dictionary(operators, fc.dictionary(fc.constantFrom('aws:SourceIp', 'x:k', 'aws:TagKeys'), values, { maxKeys: 2 }), {
  maxKeys: 2,
});

const statement = fc
  .tuple(
    mostly<unknown>(['Allow', 'Deny'], ['allow']),
    pair('Action', 'NotAction', listOf(actions)),
    pair('Resource', 'NotResource', listOf(resources)),
    fc.oneof(pair('Principal', 'NotPrincipal', principals), fc.constant({})),
    fc.option(condition, { nil: undefined, freq: 2 }),
  )
  .map(([Effect, a, r, p, Condition]) => ({ Effect, ...a, ...r, ...p, ...(Condition === undefined ? {} : { Condition }) }));
const document = fc.record({
  Version: mostly<unknown>(['2012-10-17', '2008-10-17'], [undefined, '2020-01-01']),
  Statement: fc.array(statement, { minLength: 1, maxLength: 3 }),
});

function assertWellFormed(policy: ParsedPolicy, type: PolicyType): void {
  for (const s of policy.statements) {
    expect(Number(Boolean(s.actions)) + Number(Boolean(s.notActions))).toBe(1);
    for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) expect(a === '*' || /^[A-Za-z0-9-]+:[A-Za-z0-9_.*?-]+$/.test(a)).toBe(true);
    const resourceCount = Number(Boolean(s.resources)) + Number(Boolean(s.notResources));
    expect(resourceCount === 1 || (resourceCount === 0 && RESOURCE_OPTIONAL_TYPES.has(type))).toBe(true);
    for (const r of [...(s.resources ?? []), ...(s.notResources ?? [])]) {
      expect(r === '*' || r.startsWith('arn:')).toBe(true);
      if (policy.version === '2012-10-17') expect(variableError(r)).toBeNull();
    }
    const rule = PRINCIPAL_RULES[type];
    const principalCount = Number(Boolean(s.principals)) + Number(Boolean(s.notPrincipals));
    if (rule === 'forbidden') expect(principalCount).toBe(0);
    if (rule === 'required') expect(principalCount).toBe(1);
    if (rule === 'everyone') expect(s.principals).toEqual([{ type: '*', value: '*' }]);
    if (s.notPrincipals) expect(s.effect).toBe('Deny');
    for (const c of s.conditions) {
      const kind = OPERATOR_KINDS.get(c.operator);
      expect(kind).toBeDefined();
      if (c.operator === 'Null') expect(c.ifExists).toBe(false);
      for (const v of c.values) {
        if (kind === 'numeric') expect(parseIamNumber(v)).not.toBeNull();
        if (kind === 'date') expect(parseIamDate(v)).not.toBeNull();
        if (kind === 'ip') expect(parseCidr(v)).not.toBeNull();
        if (kind === 'binary') expect(isValidBase64(v)).toBe(true);
        if (kind === 'bool' || kind === 'null') expect(v.toLowerCase()).toMatch(/^(true|false)$/);
        if ((kind === 'string' || kind === 'arn') && policy.version === '2012-10-17') expect(variableError(v)).toBeNull();
      }
    }
  }
}

describe('parsePolicy contract', () => {
  it('a policy without ERROR findings is well-formed for its type', () => {
    let clean = 0;
    fc.assert(
      fc.property(document, fc.constantFrom(...TYPES), (doc, type) => {
        const { policy, findings } = parsePolicy(doc, type);
        expect(policy).not.toBeNull();
        if (findings.some((f) => f.severity === 'ERROR')) return;
        clean++;
        expect(policy!.statements).toHaveLength(doc.Statement.length);
        assertWellFormed(policy!, type);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the interesting side often enough for the property to mean something.
    expect(clean).toBeGreaterThan(50);
  });
});
