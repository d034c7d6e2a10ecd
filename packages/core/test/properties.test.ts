// Property tests of the engine: monotonicity of Deny and Allow, ceilings that never grant, order
// independence, incremental = fresh compile, and no crash and no leaked Allow on hostile input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, hasErrors, parsePolicy, validatePolicy, WorldError } from '../src/index.ts';
import type { AuthzEngine } from '../src/engine/api.ts';
import type { WorldChange } from '../src/model/change.ts';
import type { AuthzRequest, Decision } from '../src/model/decision.ts';
import type { PolicyDocument } from '../src/model/policy.ts';
import type { WorldSnapshot } from '../src/model/snapshot.ts';
import { requestsArb, statementArb, worldPartsArb, type WorldParts } from './arbitraries.ts';
import { worldDiff } from './diff.ts';
import { garbageChangeArb, garbageRequestArb, mustDeny, oddDocumentArb, oddEntityArb } from './garbage.ts';
import { addStatement, addToSessions, buildWorld, permuter, shuffleDeep, SLOTS, withoutSessionPolicies, type Slot } from './world-parts.ts';

/**
 * CI runs a fixed seed so a green build stays green; elsewhere each run explores a new seed (printed by
 * fast-check on failure). FC_SEED=<n> replays one.
 */
const CI_SEED = 20261123;
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? CI_SEED : undefined;
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
import * as V from './vocabulary.ts';

/** Runs per property: sized so the file takes seconds on two shared cores. */
const RUNS = 50;
const TIMEOUT_MS = 60_000;
/**
 * An added Allow changes a decision in only about 1 run in 30 (most requests are denied elsewhere or already allowed),
 * so this property needs more runs for its meaningfulness check to hold on every seed.
 */
const ALLOW_EDIT_RUNS = 300;
/** Below this share of Allow decisions the monotonicity properties would say little. */
const MIN_ALLOW_SHARE = 0.15;
const DECISIONS: readonly Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

const decideAll = (engine: AuthzEngine, requests: readonly AuthzRequest[]): Decision[] => requests.map((r) => engine.authorize(r).decision);
async function decide(world: WorldSnapshot, requests: readonly AuthzRequest[]): Promise<Decision[]> {
  return decideAll(await createEngine(world), requests);
}
const run = (property: Parameters<typeof fc.assert>[0], numRuns = RUNS): Promise<void> => Promise.resolve(fc.assert(property, { numRuns }));

/** Runs `f`; true when it threw a WorldError (any other throw is a crash and fails the test). */
function rejects(f: () => void): boolean {
  try {
    f();
    return false;
  } catch (err) {
    expect(err).toBeInstanceOf(WorldError);
    return true;
  }
}

/** Counts decisions and how often an edit changed one, so vacuous runs fail loudly. */
class Tally {
  total = 0;
  allow = 0;
  changed = 0;
  see(before: readonly Decision[], after: readonly Decision[]): void {
    this.total += before.length;
    this.allow += before.filter((d) => d === 'Allow').length;
    this.changed += before.filter((d, i) => d !== after[i]).length;
  }
  expectMeaningful(): void {
    expect(this.allow / this.total, `allow share ${this.allow}/${this.total}`).toBeGreaterThanOrEqual(MIN_ALLOW_SHARE);
    expect(this.changed, 'no edit ever changed a decision').toBeGreaterThan(0);
  }
}

const slotStatementArb = (effect: 'Allow' | 'Deny'): fc.Arbitrary<{ slot: Slot; statement: Record<string, unknown> }> =>
  fc.constantFrom(...(Object.keys(SLOTS) as Slot[])).chain((slot) => statementArb(SLOTS[slot], effect).map((statement) => ({ slot, statement })));

async function decideWithAdded(parts: WorldParts, requests: AuthzRequest[], slot: Slot, statement: Record<string, unknown>): Promise<Decision[]> {
  const edited = slot === 'session' ? addToSessions(requests, statement) : requests;
  return decide(buildWorld(addStatement(parts, slot, statement)), edited);
}

describe('monotonicity', () => {
  it('adding a Deny statement never turns a decision into Allow, and an explicit deny stays', { timeout: TIMEOUT_MS }, async () => {
    const tally = new Tally();
    await run(fc.asyncProperty(worldPartsArb, requestsArb, slotStatementArb('Deny'), async (parts, requests, { slot, statement }) => {
      const before = await decide(buildWorld(parts), requests);
      const after = await decideWithAdded(parts, requests, slot, statement);
      tally.see(before, after);
      before.forEach((d, i) => {
        if (d !== 'Allow') expect(after[i], `request ${i} was ${d}`).not.toBe('Allow');
        if (d === 'ExplicitDeny') expect(after[i], `request ${i}`).toBe('ExplicitDeny');
      });
    }));
    tally.expectMeaningful();
  });

  it('adding an Allow statement never turns an Allow into a deny, nor an explicit deny into anything else', { timeout: TIMEOUT_MS }, async () => {
    const tally = new Tally();
    await run(fc.asyncProperty(worldPartsArb, requestsArb, slotStatementArb('Allow'), async (parts, requests, { slot, statement }) => {
      const before = await decide(buildWorld(parts), requests);
      const after = await decideWithAdded(parts, requests, slot, statement);
      tally.see(before, after);
      before.forEach((d, i) => {
        if (d === 'Allow' || d === 'ExplicitDeny') expect(after[i], `request ${i}`).toBe(d);
      });
    }), ALLOW_EDIT_RUNS);
    tally.expectMeaningful();
  });

  it('removing permissions boundaries or session policies never removes an Allow', { timeout: TIMEOUT_MS }, async () => {
    const tally = new Tally();
    await run(fc.asyncProperty(worldPartsArb, requestsArb, fc.boolean(), async (parts, requests, boundaries) => {
      const before = await decide(buildWorld(parts), requests);
      const after = boundaries
        ? await decide(buildWorld({ ...parts, bounded: { alice: false, bob: false, app: false } }), requests)
        : await decide(buildWorld(parts), withoutSessionPolicies(requests));
      tally.see(before, after);
      before.forEach((d, i) => {
        if (d === 'Allow') expect(after[i], `request ${i}`).toBe('Allow');
      });
    }));
    tally.expectMeaningful();
  });
});

describe('order independence', () => {
  it('decisions do not depend on the order of statements, policies, attachments or entities', { timeout: TIMEOUT_MS }, async () => {
    await run(fc.asyncProperty(worldPartsArb, requestsArb, fc.integer(), async (parts, requests, seed) => {
      const shuffle = permuter(seed);
      const world = buildWorld(parts);
      const shuffled = requests.map((r) => shuffleDeep(r, shuffle));
      expect(await decide(shuffleDeep(world, shuffle), shuffled)).toEqual(await decide(world, requests));
    }));
  });
});

describe('incremental changes', () => {
  const editArb = fc.record({
    next: worldPartsArb,
    fields: fc.subarray(['managed', 'boundary', 'scp', 'inline', 'trust', 'bucketPolicy', 'ordersPolicy', 'attach', 'bounded', 'tags'] as const, { minLength: 1, maxLength: 3 }),
    dropBob: fc.boolean(),
    dropOrders: fc.boolean(),
    oneByOne: fc.boolean(),
  });

  it('apply gives the decisions of a fresh compile of the changed world', { timeout: TIMEOUT_MS }, async () => {
    const tally = new Tally();
    await run(fc.asyncProperty(worldPartsArb, editArb, requestsArb, async (parts, edit, requests) => {
      const target: WorldParts = { ...parts };
      for (const f of edit.fields) (target as unknown as Record<string, unknown>)[f] = edit.next[f];
      const from = buildWorld(parts);
      const to = buildWorld(target);
      if (edit.dropBob) to.users = to.users!.filter((u) => u.arn !== V.BOB);
      if (edit.dropOrders) to.resources = to.resources!.filter((r) => r.arn !== V.ORDERS);
      const engine = await createEngine(from);
      const before = decideAll(engine, requests);
      const changes = worldDiff(from, to);
      if (edit.oneByOne) changes.forEach((c, i) => engine.apply([c], 2 + i));
      else engine.apply(changes, 2);
      const after = decideAll(engine, requests);
      expect(after).toEqual(await decide(to, requests));
      expect(engine.revision).toBe(edit.oneByOne ? 1 + changes.length : 2);
      tally.see(before, after);
    }));
    tally.expectMeaningful();
  });
});

describe('hostile input', () => {
  const baseArb = fc.record({ parts: worldPartsArb, requests: requestsArb });

  it('authorize never throws on malformed requests, never allows an unknown principal, and keeps answering', { timeout: TIMEOUT_MS }, async () => {
    let mustDenyCount = 0;
    await run(fc.asyncProperty(baseArb, fc.array(garbageRequestArb, { minLength: 1, maxLength: 8 }), async ({ parts, requests }, garbage) => {
      const engine = await createEngine(buildWorld(parts));
      const baseline = decideAll(engine, requests);
      const single = garbage.map((g) => engine.authorize(g as AuthzRequest));
      const batch = engine.authorizeBatch(garbage as AuthzRequest[]);
      expect(batch).toHaveLength(garbage.length);
      garbage.forEach((g, i) => {
        for (const result of [single[i], batch[i]]) {
          expect(DECISIONS).toContain(result.decision);
          const reason = mustDeny(g);
          if (reason) expect(result.decision, `${reason} request ${i}`).not.toBe('Allow');
          if (reason) mustDenyCount++;
        }
      });
      expect(decideAll(engine, requests)).toEqual(baseline);
    }), RUNS);
    expect(mustDenyCount, 'no request was malformed or named an unknown principal').toBeGreaterThan(0);
  });

  it('rejects exactly the policies the parser finds an ERROR in, as a WorldError, and validatePolicy never throws', { timeout: TIMEOUT_MS }, async () => {
    const seen = { accepted: 0, rejected: 0 };
    await run(fc.asyncProperty(baseArb, oddDocumentArb, async ({ parts, requests }, odd) => {
      const document = odd as PolicyDocument;
      const validation = validatePolicy(document, 'identity');
      const invalid = hasErrors(parsePolicy(document, 'identity').findings);
      // The engine enforces the grammar; quotas and the validator's other checks belong to the admin plane.
      if (invalid) expect(hasErrors(validation), 'validatePolicy missed a parser ERROR').toBe(true);
      const world = buildWorld(parts);
      const changed = structuredClone(world);
      changed.policies![0] = { ...changed.policies![0], document };
      const fresh = await createEngine(changed).catch((err: unknown) => {
        expect(err).toBeInstanceOf(WorldError);
        return undefined;
      });
      expect(fresh === undefined, `createEngine ${fresh ? 'accepted' : 'rejected'} it`).toBe(invalid);

      const engine = await createEngine(world);
      const baseline = decideAll(engine, requests);
      const threw = rejects(() => engine.apply([{ op: 'put', kind: 'policy', value: changed.policies![0] }], 2));
      expect(threw, `apply ${threw ? 'rejected' : 'accepted'} it`).toBe(invalid);
      expect(decideAll(engine, requests)).toEqual(threw ? baseline : decideAll(fresh!, requests));
      seen[threw ? 'rejected' : 'accepted']++;
    }), RUNS * 1.5);
    expect(seen.accepted, 'no document was accepted').toBeGreaterThan(0);
    expect(seen.rejected, 'no document was rejected').toBeGreaterThan(0);
  });

  it('apply of malformed changes either throws and leaves the world as it was, or is accepted', { timeout: TIMEOUT_MS }, async () => {
    await run(fc.asyncProperty(baseArb, fc.array(garbageChangeArb, { minLength: 1, maxLength: 3 }), async ({ parts, requests }, changes) => {
      const engine = await createEngine(buildWorld(parts));
      const baseline = decideAll(engine, requests);
      if (rejects(() => engine.apply(changes as WorldChange[], 2))) {
        expect(decideAll(engine, requests)).toEqual(baseline);
      } else {
        for (const r of requests) expect(DECISIONS).toContain(engine.authorize(r).decision);
      }
    }), RUNS);
  });

  it('createEngine on a snapshot with an odd entity either throws a WorldError or answers every request', { timeout: TIMEOUT_MS }, async () => {
    await run(fc.asyncProperty(baseArb, oddEntityArb, async ({ parts, requests }, odd) => {
      const world = buildWorld(parts);
      world[odd.list] = [...(world[odd.list] ?? []), odd.value] as never;
      const engine = await createEngine(world).catch((err: unknown) => {
        expect(err).toBeInstanceOf(WorldError);
        return undefined;
      });
      for (const r of engine ? requests : []) expect(DECISIONS).toContain(engine!.authorize(r).decision);
    }), RUNS);
  });
});
