// Which stored resource a request resource resolves to: the exact ARN, else the nearest parent cut at a `/`, for
// slashes at every offset within a hashed word, paths past the SIMD scanner's 16 bytes, and very long resources.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type WorldSnapshot } from '../index.ts';

const ACCT = '111122223333';
const READER = `arn:aws:iam::${ACCT}:user/reader`;

/** A world whose stored resources each have a policy letting the reader get objects (reasons name the resource). */
function worldWith(resources: string[]): WorldSnapshot {
  return {
    format: 'iam-world-snapshot',
    version: 1,
    accounts: [{ id: ACCT }],
    users: [{ arn: READER }],
    resources: resources.map((arn) => ({
      arn,
      accountId: ACCT,
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: READER }, Action: 's3:GetObject', Resource: '*' }] },
    })),
  };
}

/** The stored resource that should govern `resource`: itself, else the longest stored prefix ending before a `/`. */
function expectedOwner(resource: string, stored: ReadonlySet<string>): string | undefined {
  if (stored.has(resource)) return resource;
  for (let i = resource.length - 1; i >= 0; i--) if (resource[i] === '/' && stored.has(resource.slice(0, i))) return resource.slice(0, i);
  return undefined;
}

async function owner(stored: string[], resource: string): Promise<string | undefined> {
  const engine = await createEngine(worldWith(stored));
  const result = engine.authorize({ principal: { arn: READER }, action: 's3:GetObject', resource, explain: true });
  const reason = result.reasons.find((r) => r.layer === 'resource');
  expect(result.decision).toBe(reason === undefined ? 'ImplicitDeny' : 'Allow');
  return reason?.policyId.replace(/#resource$/, '');
}

describe('resource lookup', () => {
  it('finds the exact ARN or the nearest stored parent, wherever the slashes fall', async () => {
    const segment = fc.stringMatching(/^[a-z0-9.-]{0,21}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z0-9-]{3,30}$/),
        fc.array(segment, { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        async (bucket, segments, keep) => {
          const cuts = segments.map((_, i) => `arn:aws:s3:::${[bucket, ...segments.slice(0, i + 1)].join('/')}`);
          const all = [`arn:aws:s3:::${bucket}`, ...cuts];
          const resource = all[all.length - 1];
          const stored = all.filter((_, i) => keep[i]);
          expect(await owner(stored, resource)).toBe(expectedOwner(resource, new Set(stored)));
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000); // an engine per run

  it('looks for parents within the first 4,096 bytes of a long resource, and finds a long ARN by its exact text', async () => {
    const bucket = 'arn:aws:s3:::logs';
    const deep = `${bucket}/${'a'.repeat(3000)}/${'b'.repeat(3000)}/c`;
    expect(await owner([bucket], deep)).toBe(bucket);
    const within = `${bucket}/${'a'.repeat(3000)}`;
    expect(await owner([bucket, within], deep)).toBe(within);
    const beyond = `${within}/${'b'.repeat(3000)}`;
    expect(await owner([bucket, beyond], deep)).toBe(bucket);
    expect(await owner([bucket, deep], deep)).toBe(deep);
  });
});
