// Session policies passed with a request: inline documents compiled once and cached (LRU by text),
// managed ones taken from the policy table.

import { NameLimitError, type Image } from '../compile/image.ts';
import { parseOrThrow, WorldError } from '../compile/world.ts';
import type { RoleSession } from '../model/decision.ts';
import { RequestError } from './encode.ts';

/** Inline session policies kept compiled between requests. */
const CACHE_LIMIT = 1024;

interface Cached {
  ptr: number;
  statementIds: number[];
  /** `clock` when last used (the least recently used go first when the cache is over its limit). */
  used: number;
}

/** The compiled session policies of requests. */
export class SessionPolicies {
  private readonly cache = new Map<string, Cached>();
  private clock = 0;
  /** Statement id -> block it belongs to (to name `session#<n>` in explanations). */
  readonly blockOfStatement = new Map<number, number>();

  constructor(private readonly image: Image) {}

  /** Trim the cache to its limit; only between batches, so no block in use is freed. */
  beginBatch(): void {
    if (this.cache.size <= CACHE_LIMIT) return;
    const byAge = [...this.cache].sort((a, b) => a[1].used - b[1].used);
    for (const [key, entry] of byAge.slice(0, this.cache.size - CACHE_LIMIT / 2)) {
      this.cache.delete(key);
      for (const id of entry.statementIds) this.blockOfStatement.delete(id);
      this.image.releaseStatementIds(entry.statementIds);
      this.image.release(entry.ptr);
    }
  }

  private inline(doc: unknown, index: number): number {
    let text: string;
    try {
      text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    } catch {
      throw new RequestError(`session policy ${index} is not a JSON document`); // BigInt values, cycles
    }
    const hit = this.cache.get(text);
    if (hit) {
      hit.used = ++this.clock;
      return hit.ptr;
    }
    let parsed;
    try {
      parsed = parseOrThrow(doc, 'session', `session policy ${index}`);
    } catch (err) {
      if (err instanceof WorldError) throw new RequestError(err.message);
      throw err;
    }
    let block;
    try {
      block = this.image.compileRequestPolicy(parsed);
    } catch (err) {
      if (err instanceof NameLimitError) throw new RequestError(`session policy ${index}: ${err.message}`);
      throw err;
    }
    for (const id of block.statementIds) this.blockOfStatement.set(id, block.ptr);
    this.cache.set(text, { ptr: block.ptr, statementIds: block.statementIds, used: ++this.clock });
    return block.ptr;
  }

  /** Block pointers of a session's policies: inline documents first, then managed ARNs (0 when missing). */
  blocksFor(s: RoleSession): number[] {
    const blocks: number[] = [];
    if (s.policies !== undefined && !Array.isArray(s.policies)) throw new RequestError('`principal.session.policies` must be an array');
    if (s.policyArns !== undefined && !Array.isArray(s.policyArns)) throw new RequestError('`principal.session.policyArns` must be an array');
    (s.policies ?? []).forEach((doc, i) => blocks.push(this.inline(doc, i)));
    for (const arn of s.policyArns ?? []) {
      if (typeof arn !== 'string') throw new RequestError('`principal.session.policyArns` must hold strings');
      blocks.push(this.image.policies.get(arn));
    }
    return blocks;
  }
}
