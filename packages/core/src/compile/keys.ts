// Interned condition-key names (case-insensitive) and service prefixes, and which keys the engine derives.

import { KEY_CURRENT_TIME, KEY_EPOCH_TIME, KEY_PRINCIPAL_ORG_ID, KEY_PRINCIPAL_ORG_PATHS, KEY_RESOURCE_ACCOUNT, KEY_RESOURCE_ORG_ID, KEY_RESOURCE_ORG_PATHS } from '../../assembly/layout.ts';

/** Keys whose values the evaluator computes itself, by reserved id. */
const COMPUTED_KEYS: ReadonlyArray<[number, string]> = [
  [KEY_CURRENT_TIME, 'aws:CurrentTime'],
  [KEY_EPOCH_TIME, 'aws:EpochTime'],
  [KEY_RESOURCE_ACCOUNT, 'aws:ResourceAccount'],
  [KEY_RESOURCE_ORG_ID, 'aws:ResourceOrgID'],
  [KEY_RESOURCE_ORG_PATHS, 'aws:ResourceOrgPaths'],
  [KEY_PRINCIPAL_ORG_ID, 'aws:PrincipalOrgID'],
  [KEY_PRINCIPAL_ORG_PATHS, 'aws:PrincipalOrgPaths'],
];

/** Exact (lowercased) names of derived keys a caller can never supply. */
const DERIVED_NAMES = new Set([
  'aws:username', 'aws:userid', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths',
  'aws:multifactorauthpresent', 'aws:multifactorauthage', 'aws:tokenissuetime', 'aws:sourceidentity',
  'aws:currenttime', 'aws:epochtime', 'aws:viaawsservice', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast',
]);
/** Prefixes of derived keys (`aws:PrincipalArn`, `aws:PrincipalTag/x`, `aws:ResourceTag/x`, ...). */
const DERIVED_PREFIXES = ['aws:principal', 'aws:resourcetag/'];

/** Whether a (lowercased) key is derived by the engine, never taken from the caller. */
export function isDerivedKey(lower: string): boolean {
  return DERIVED_NAMES.has(lower) || DERIVED_PREFIXES.some((p) => lower.startsWith(p));
}

/** Bound on the raw-spelling cache of `KeyTable.lookupCaller`. */
const RAW_CACHE_LIMIT = 10000;
/** Context positions `KeyTable.lookupCallerAt` remembers. */
const SEEN_POSITIONS = 32;

/** Condition keys by id; ids are stable for the life of an engine. */
export class KeyTable {
  private readonly ids = new Map<string, number>();
  /** The first spelling seen for each id (what explanations show). */
  readonly names: string[] = [];
  private readonly derived: boolean[] = [];
  /** Caller spelling -> id, or -1 for keys no policy mentions or derived keys. */
  private readonly rawCache = new Map<string, number>();
  /** The caller key last looked up at each of a context's first positions, and its id (see `lookupCallerAt`). */
  private readonly seenKeys: string[] = [];
  private readonly seenIds: number[] = [];

  constructor() {
    for (const [id, name] of COMPUTED_KEYS) {
      this.ids.set(name.toLowerCase(), id);
      this.names[id] = name;
      this.derived[id] = true;
    }
  }

  /** Called before a new key is added (it may throw to refuse it); set while compiling a policy a request brought. */
  onNewKey: (() => void) | undefined;

  /** Id of a key, interning it. */
  intern(name: string): number {
    const lower = name.toLowerCase();
    let id = this.ids.get(lower);
    if (id === undefined) {
      this.onNewKey?.();
      id = this.names.length;
      this.ids.set(lower, id);
      this.names.push(name);
      this.derived.push(isDerivedKey(lower));
      this.rawCache.clear();
      this.seenKeys.length = 0;
    }
    return id;
  }

  /** Whether callers supply the key (it is not derived): then only a request's own context can hold it. */
  isCallerKey(id: number): boolean {
    return this.derived[id] === false;
  }

  /** Id of a key some policy mentions (any case), or -1; never interns (for names that come from requests). */
  find(name: string): number {
    return this.ids.get(name.toLowerCase()) ?? -1;
  }

  /** Id of a caller-supplied key, or -1 when no policy can look at it or the engine derives it. */
  lookupCaller(raw: string): number {
    const cached = this.rawCache.get(raw);
    if (cached !== undefined) return cached;
    const id = this.ids.get(raw.toLowerCase());
    const result = id === undefined || this.derived[id] ? -1 : id;
    if (this.rawCache.size >= RAW_CACHE_LIMIT) this.rawCache.clear();
    this.rawCache.set(raw, result);
    return result;
  }

  /**
   * `lookupCaller` for the key at `position` of a context. Callers tend to send the same keys in the same order, so
   * the key last seen at a position usually comes again, and comparing it is cheaper than a map lookup.
   */
  lookupCallerAt(raw: string, position: number): number {
    if (this.seenKeys[position] === raw) return this.seenIds[position];
    const id = this.lookupCaller(raw);
    if (position < SEEN_POSITIONS) {
      this.seenKeys[position] = raw;
      this.seenIds[position] = id;
    }
    return id;
  }

  get size(): number {
    return this.names.length;
  }
}
