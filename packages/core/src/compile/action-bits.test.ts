// Action bits (ST_ACTION_BITS) may only reject statements that cannot match: checked against a reference glob, on
// the host's bits alone and through the evaluator, for valid patterns and for any action text a caller may send.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type WorldSnapshot } from '../index.ts';
import { actionBit, actionBits, ALL_ACTION_BITS } from './patterns.ts';

const ACCT = '111122223333';
const USER = `arn:aws:iam::${ACCT}:user/u`;

const lower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** Reference: IAM action matching, ASCII case-insensitive, `*` any run, `?` one character. */
function matches(pattern: string, action: string): boolean {
  const source = [...lower(pattern)].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c === '.' ? '\\.' : c)).join('');
  return new RegExp(`^${source}$`, 'su').test(lower(action));
}
/** The bit the evaluator gives an action text (ASCII here, so bytes are characters). */
function bitOf(action: string): number {
  const a = lower(action);
  const colon = a.indexOf(':');
  const byte = (i: number): number => (colon >= 0 && i < a.length ? a.charCodeAt(i) : 0);
  return colon < 0 ? actionBit(0, 0) : actionBit(byte(colon + 1), byte(colon + 2));
}

/** Valid Action patterns (the parser's shape): a literal service, a colon, a name that may hold wildcards. */
const pattern = fc.tuple(fc.constantFrom('s3', 'S3', 'orders', 'ec2'), fc.stringMatching(/^[abgeGE.*?_-]{1,5}$/)).map(([s, n]) => `${s}:${n}`);
/** Any action text a caller may send: short, with any number of colons, wildcards as plain characters. */
const action = fc.oneof(
  fc.tuple(fc.constantFrom('s3', 'S3', 'orders', 'ec2', ''), fc.stringMatching(/^[abgeGE.*?_:-]{0,5}$/)).map(([s, n]) => `${s}:${n}`),
  fc.stringMatching(/^[s3abgeG:*?]{1,8}$/),
);

/** An action a pattern matches: its wildcards filled in, its letters in any case. */
const instance = (p: string) =>
  fc.array(fc.stringMatching(/^[abgeGE.:]{0,3}$/), { minLength: p.length, maxLength: p.length }).map((fills) =>
    [...p].map((c, i) => (c === '*' ? fills[i] : c === '?' ? fills[i].slice(0, 1) || 'x' : i % 2 === 0 ? c.toUpperCase() : c)).join(''),
  );
/** Patterns and actions, half of them matched by construction. */
const patternsAndActions = (maxActions: number) =>
  fc.array(pattern, { minLength: 1, maxLength: 4 }).chain((patterns) =>
    fc.tuple(fc.constant(patterns), fc.array(fc.oneof(action, fc.constantFrom(...patterns).chain(instance)), { minLength: 1, maxLength: maxActions })),
  );

describe('action bits', () => {
  it('keep the bit of every action a pattern matches', () => {
    fc.assert(
      fc.property(patternsAndActions(1), ([patterns, [a]]) => {
        if (patterns.some((p) => matches(p, a))) expect(actionBits(patterns) & bitOf(a)).not.toBe(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('narrow literal heads and stay open to a wildcard near the colon', () => {
    expect(actionBits(['s3:GetObject'])).toBe(actionBit(0x67, 0x65));
    expect(actionBits(['s3:G*'])).toBe(ALL_ACTION_BITS);
    expect(actionBits(['s3:?etObject'])).toBe(ALL_ACTION_BITS);
    expect(actionBits(['s3:x'])).toBe(actionBit(0x78, 0));
  });

  it('let the evaluator allow exactly what the reference matches', async () => {
    await fc.assert(
      fc.asyncProperty(patternsAndActions(12), async ([patterns, actions]) => {
        const world: WorldSnapshot = {
          format: 'iam-world-snapshot',
          version: 1,
          accounts: [{ id: ACCT }],
          users: [{ arn: USER, inlinePolicies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: patterns, Resource: '*' }] } }] }],
        };
        const engine = await createEngine(world);
        const asked = actions.filter((a) => a !== '');
        const results = engine.authorizeBatch(asked.map((a) => ({ principal: { arn: USER }, action: a, resource: 'arn:aws:s3:::b/k' })));
        asked.forEach((a, i) => expect([a, results[i].decision]).toEqual([a, patterns.some((p) => matches(p, a)) ? 'Allow' : 'ImplicitDeny']));
      }),
      { numRuns: 100 },
    );
  }, 60_000); // an engine per run
});
