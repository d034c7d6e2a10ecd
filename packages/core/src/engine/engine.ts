// The engine facade: a compiled world in one WASM instance; batches cross into WASM once.

import { applyChanges, snapshotChanges } from '../compile/changes.ts';
import { Image } from '../compile/image.ts';
import { World } from '../compile/world.ts';
import type { WorldChange } from '../model/change.ts';
import type { AuthzRequest, DecisionResult } from '../model/decision.ts';
import type { WorldSnapshot } from '../model/snapshot.ts';
import type { AuthzEngine, EngineStats } from './api.ts';
import { attachExplanations, plainResult, refusedResult } from './decode.ts';
import { ArenaFull, Encoder, NotAscii, RequestError } from './encode.ts';
import { Principals } from './principals.ts';
import { SessionPolicies } from './session.ts';

/** Initial request arena; a batch that does not fit grows it (see `arenaFor`). */
const INITIAL_ARENA_BYTES = 1 << 20;
/** Options of `createEngine`. */
export interface EngineOptions {
  /** Clock for requests without `time` (default `Date.now`); the evaluator itself never reads a clock. */
  now?: () => number;
}

/** A compiled world and its evaluator. */
export class Engine implements AuthzEngine {
  private readonly image = new Image();
  private readonly world = new World(this.image);
  private readonly principals = new Principals(this.image, this.world);
  private readonly sessions = new SessionPolicies(this.image);
  private readonly encoder = new Encoder(this.image, this.principals, this.sessions, this.world.statementIndexes);
  private arena = 0;
  private arenaBytes = 0;
  private rev = 0;
  private readonly now: () => number;
  private readonly single: AuthzRequest[] = [undefined as unknown as AuthzRequest];
  /**
   * For benchmarks: while true, the time spent inside the WASM evaluator is added to `evaluatorNs`, so a caller can
   * tell the evaluator's share from the host's (encoding, principal resolution, results). Off by default.
   */
  measureEvaluator = false;
  evaluatorNs = 0;

  constructor(snapshot: WorldSnapshot, options: EngineOptions = {}) {
    this.now = options.now ?? Date.now;
    applyChanges(this.world, snapshotChanges(snapshot), true); // the snapshot's shape was checked whole
    this.world.org.rebuild();
    this.rev = snapshot.revision ?? 0;
    this.growArena(INITIAL_ARENA_BYTES);
  }

  get revision(): number {
    return this.rev;
  }

  private growArena(bytes: number): void {
    if (this.arena) this.image.heap.release(this.arena, this.arenaBytes);
    this.arena = this.image.heap.alloc(bytes);
    this.arenaBytes = bytes;
  }

  authorize(request: AuthzRequest): DecisionResult {
    this.single[0] = request;
    return this.authorizeBatch(this.single)[0];
  }

  authorizeBatch(requests: readonly AuthzRequest[]): DecisionResult[] {
    const n = requests.length;
    if (n === 0) return [];
    this.sessions.beginBatch();
    this.principals.beginBatch();
    const now = this.now();
    for (;;) {
      try {
        return this.evaluate(requests, n, now);
      } catch (err) {
        if (err instanceof NotAscii) continue; // encoded again, its strings written one by one
        if (!(err instanceof ArenaFull)) throw err;
        this.growArena(arenaFor(err, n, this.arenaBytes));
      }
    }
  }

  private evaluate(requests: readonly AuthzRequest[], n: number, now: number): DecisionResult[] {
    const enc = this.encoder;
    enc.begin(this.arena, this.arena + this.arenaBytes);
    const refused: Array<string | undefined> = [];
    const explainWanted: boolean[] = new Array(n);
    let anyExplain = false;
    let list = 0;
    let results = 0;
    let i = 0;
    try {
      // the record pointers are written straight into the list the evaluator reads; results go beside it
      list = enc.reserveList(n);
      results = enc.reserveList(n);
      for (; i < n; i++) {
        const req = requests[i];
        const explain = req?.explain === true;
        explainWanted[i] = explain;
        anyExplain ||= explain;
        let record: number;
        try {
          record = enc.request(req, i, now);
        } catch (err) {
          if (!(err instanceof RequestError)) throw err;
          refused[i] = err.message;
          record = enc.refused();
        }
        enc.setItem(list, i, record);
      }
      enc.flushStrings();
    } catch (err) {
      if (err instanceof ArenaFull) err.encoded = i; // requests [0, i) fitted (after the two lists): the size of the next arena
      throw err;
    }
    const started = this.measureEvaluator ? process.hrtime.bigint() : 0n;
    const records = this.image.exports.evaluateBatch(list + 4, n, results + 4);
    if (this.measureEvaluator) this.evaluatorNs += Number(process.hrtime.bigint() - started);
    const u32 = this.image.heap.u32;
    const codes = u32.subarray((results + 4) >>> 2, ((results + 4) >>> 2) + n);
    const out: DecisionResult[] = new Array(n);
    for (i = 0; i < n; i++) out[i] = refused[i] === undefined ? plainResult(codes[i]) : refusedResult(refused[i] as string, explainWanted[i]);
    if (records > 0 || anyExplain) attachExplanations(this.image, this.sessions, enc.sessionBlocks, codes, out, explainWanted, refused, records);
    return out;
  }

  apply(changes: readonly WorldChange[], revision?: number): void {
    const principalVersion = this.world.principalVersion;
    try {
      applyChanges(this.world, changes);
    } finally {
      // resolutions hold user and role blocks; policy, group, resource and org changes leave them valid
      if (this.world.principalVersion !== principalVersion) this.principals.invalidate();
    }
    if (revision !== undefined) this.rev = revision;
  }

  stats(): EngineStats {
    return {
      revision: this.rev,
      imageBytes: this.image.imageBytes,
      principals: this.world.principals.size,
      policies: this.world.policies.size,
      statements: this.image.statementCount,
      resources: this.image.resources.size,
    };
  }
}

/**
 * The arena size for a batch of `n` that did not fit in `current` bytes: from what the requests encoded so far took
 * each (with room to spare), so a large batch grows the arena once instead of doubling and re-encoding repeatedly.
 */
function arenaFor(full: ArenaFull, n: number, current: number): number {
  const lists = 8 + 8 * n; // record pointers and results, reserved first
  const need = full.encoded > 0
    ? lists + ((full.used - lists) / full.encoded) * n * 1.25 + full.wanted + 4096
    : (full.used + full.wanted) * 2 + 4096; // not even one request fitted: no estimate yet
  return Math.max(current * 2, 2 ** Math.ceil(Math.log2(need)));
}

/** Compile a world snapshot into a ready engine. Throws a WorldError naming the first invalid entity. */
export async function createEngine(snapshot: WorldSnapshot, options?: EngineOptions): Promise<Engine> {
  return new Engine(snapshot, options);
}

