// An in-memory WorldSource over a snapshot: serves the PDP without a database (tests, conformance, embedding).

import type { ChangeBatch, WorldChange, WorldSnapshot, WorldSource } from '../core.ts';

/** Options of a StaticSource. */
export interface StaticSourceOptions {
  /** Most commits kept in the change log; older revisions must reload a snapshot (default: all). */
  maxLogEntries?: number;
}

/** Thrown while the source is marked unreachable (`setReachable(false)`). */
export class SourceUnavailableError extends Error {
  constructor() {
    super('world source is unreachable');
    this.name = 'SourceUnavailableError';
  }
}

type Keyed = { arn: string } | { id: string };
type ListKind = 'accounts' | 'policies' | 'users' | 'groups' | 'roles' | 'resources';

const LIST_OF: Record<Exclude<WorldChange['kind'], 'organization' | 'ou'>, ListKind> = {
  account: 'accounts',
  policy: 'policies',
  user: 'users',
  group: 'groups',
  role: 'roles',
  resource: 'resources',
};

function keyOf(value: Keyed): string {
  return 'arn' in value ? value.arn : value.id;
}

function upsert<T extends Keyed>(list: T[], value: T): void {
  const i = list.findIndex((item) => keyOf(item) === keyOf(value));
  if (i >= 0) list[i] = value;
  else list.push(value);
}

function remove<T extends Keyed>(list: T[] | undefined, key: string): void {
  const i = list?.findIndex((item) => keyOf(item) === key) ?? -1;
  if (i >= 0) list!.splice(i, 1);
}

/**
 * A WorldSource holding one world in memory. `commit` applies changes as one new revision and
 * notifies subscribers, like a store's write would; `setReachable(false)` simulates an outage.
 */
export class StaticSource implements WorldSource {
  private world: WorldSnapshot;
  private revision: number;
  private log: ChangeBatch[] = [];
  private listeners = new Set<(revision: number) => void>();
  private reachable = true;

  /** Starts at `snapshot.revision` (or 0); the snapshot is copied. */
  constructor(snapshot: WorldSnapshot, private readonly options: StaticSourceOptions = {}) {
    this.world = structuredClone(snapshot);
    this.revision = snapshot.revision ?? 0;
  }

  private check(): void {
    if (!this.reachable) throw new SourceUnavailableError();
  }

  /** Marks the source reachable or not: while not, every read rejects. */
  setReachable(reachable: boolean): void {
    this.reachable = reachable;
  }

  async snapshot(): Promise<WorldSnapshot> {
    this.check();
    return { ...structuredClone(this.world), revision: this.revision };
  }

  async currentRevision(): Promise<number> {
    this.check();
    return this.revision;
  }

  async changesSince(revision: number): Promise<ChangeBatch | null> {
    this.check();
    if (revision >= this.revision) return null;
    const oldest = this.log.length > 0 ? this.log[0].revision - 1 : this.revision;
    if (revision < oldest) throw new Error(`change log starts after revision ${revision}`);
    const changes = this.log.filter((b) => b.revision > revision).flatMap((b) => b.changes);
    return { revision: this.revision, changes: structuredClone(changes) };
  }

  subscribe(listener: (revision: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies `changes` as one new revision, records them in the change log and notifies subscribers; returns the revision. */
  commit(changes: WorldChange[]): number {
    for (const change of changes) this.applyOne(change);
    this.revision += 1;
    this.log.push({ revision: this.revision, changes: structuredClone(changes) });
    const max = this.options.maxLogEntries;
    if (max !== undefined && this.log.length > max) this.log.splice(0, this.log.length - max);
    const revision = this.revision;
    for (const listener of this.listeners) queueMicrotask(() => listener(revision));
    return revision;
  }

  private applyOne(change: WorldChange): void {
    if (change.kind === 'organization') {
      if (change.op === 'put') this.world.organization = structuredClone(change.value);
      else delete this.world.organization;
      return;
    }
    if (change.kind === 'ou') {
      const org = this.world.organization;
      if (!org) throw new Error('cannot change an OU without an organization');
      if (change.op === 'put') upsert((org.units ??= []), structuredClone(change.value));
      else remove(org.units, change.key);
      return;
    }
    const listName = LIST_OF[change.kind];
    if (change.op === 'put') upsert((this.world[listName] ??= []) as Keyed[], structuredClone(change.value) as Keyed);
    else remove(this.world[listName] as Keyed[] | undefined, change.key);
  }
}
