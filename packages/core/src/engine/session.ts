// Session policies passed with a request: inline documents compiled once and cached (LRU by text),
// managed ones taken from the policy table.

import type { Image } from '../compile/image.ts';
import { parseOrThrow, WorldError } from '../compile/world.ts';
import type { RoleSession } from '../model/decision.ts';
import { RequestError } from './encode.ts';

/** Inline session policies kept compiled between requests. */
const CACHE_LIMIT = 1024;

interface Cached {
  ptr: number;
  statementIds: number[];
}

/** The compiled session policies of requests. */
export class SessionPolicies {
  private readonly cache = new Map<string, Cached>();
  /** Statement id -> block it belongs to (to name `session#<n>` in explanations). */
  readonly blockOfStatement = new Map<number, number>();

  constructor(private readonly image: Image) {}

  /** Trim the cache to its limit; only between batches, so no block in use is freed. */
  beginBatch(): void {
    while (this.cache.size > CACHE_LIMIT) {
      const [key, entry] = this.cache.entries().next().value as [string, Cached];
      this.cache.delete(key);
      for (const id of entry.statementIds) this.blockOfStatement.delete(id);
      this.image.releaseStatementIds(entry.statementIds);
      this.image.release(entry.ptr);
    }
  }

  private inline(doc: unknown, index: number): number {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    const hit = this.cache.get(text);
    if (hit) {
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit.ptr;
    }
    let parsed;
    try {
      parsed = parseOrThrow(doc, 'session', `session policy ${index}`);
    } catch (err) {
      if (err instanceof WorldError) throw new RequestError(err.message);
      throw err;
    }
    const block = this.image.compilePolicy(parsed, '', true);
    for (const id of block.statementIds) this.blockOfStatement.set(id, block.ptr);
    this.cache.set(text, { ptr: block.ptr, statementIds: block.statementIds });
    return block.ptr;
  }

  /** Block pointers of a session's policies: inline documents first, then managed ARNs (0 when missing). */
  blocksFor(s: RoleSession): number[] {
    const blocks: number[] = [];
    if (s.policies !== undefined && !Array.isArray(s.policies)) throw new RequestError('`principal.session.policies` must be an array');
    if (s.policyArns !== undefined && !Array.isArray(s.policyArns)) throw new RequestError('`principal.session.policyArns` must be an array');
    (s.policies ?? []).forEach((doc, i) => blocks.push(this.inline(doc, i)));
    for (const arn of s.policyArns ?? []) blocks.push(this.image.policies.get(String(arn)));
    return blocks;
  }
}
