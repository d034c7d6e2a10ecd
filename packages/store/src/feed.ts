// The change feed: changesSince (merged full-entity puts/deletes), the raw change log, and subscribe
// (in-process events, PostgreSQL LISTEN/NOTIFY, and a revision poll as the safety net for both drivers).

import type { ChangeBatch, WorldChange } from './core.ts';
import type { Ctx, RevisionHub } from './context.ts';
import { ChangeLogGapError, InvalidInputError } from './errors.ts';
import type { ChangeLogEntry, ChangeLogKind, Store } from './types.ts';
import { loadWorld, readMeta, WORLD_KINDS, type LoadedWorld, type Selection, type WorldKind } from './world.ts';

type FeedApi = Pick<Store, 'currentRevision' | 'changesSince' | 'listChanges' | 'subscribe'>;

/** Default and largest page of listChanges. */
const DEFAULT_CHANGES_LIMIT = 1000;
const MAX_CHANGES_LIMIT = 10_000;

const isWorldKind = (k: string): k is WorldKind => (WORLD_KINDS as readonly string[]).includes(k);

/** The put for a loaded entity, or undefined when it no longer exists. */
function putOf(world: LoadedWorld, kind: WorldKind, key: string): WorldChange | undefined {
  switch (kind) {
    case 'organization': return world.organization?.id === key ? { op: 'put', kind, value: world.organization } : undefined;
    case 'ou': { const o = world.ous.get(key); return o ? { op: 'put', kind, value: o.value } : undefined; }
    case 'account': { const v = world.accounts.get(key); return v ? { op: 'put', kind, value: v } : undefined; }
    case 'policy': { const v = world.policies.get(key); return v ? { op: 'put', kind, value: v } : undefined; }
    case 'user': { const v = world.users.get(key); return v ? { op: 'put', kind, value: v } : undefined; }
    case 'group': { const v = world.groups.get(key); return v ? { op: 'put', kind, value: v } : undefined; }
    case 'role': { const v = world.roles.get(key); return v ? { op: 'put', kind, value: v } : undefined; }
    case 'resource': { const v = world.resources.get(key); return v ? { op: 'put', kind, value: v } : undefined; }
  }
}

/**
 * Orders the changes so they can be applied one by one: puts in dependency order (OUs by depth), then deletes in
 * reverse dependency order (OUs deleted later first in time order, so children go before their parents).
 */
function orderChanges(world: LoadedWorld, touched: Map<WorldKind, Map<string, number>>): WorldChange[] {
  const puts: WorldChange[] = [];
  const deletes: WorldChange[] = [];
  for (const kind of WORLD_KINDS) {
    const keys = [...(touched.get(kind) ?? new Map<string, number>()).entries()];
    const kindPuts: Array<{ order: number; change: WorldChange }> = [];
    const kindDeletes: Array<{ order: number; change: WorldChange }> = [];
    for (const [key, lastRevision] of keys) {
      const put = putOf(world, kind, key);
      if (put) kindPuts.push({ order: kind === 'ou' ? (world.ous.get(key)?.depth ?? 0) : 0, change: put });
      else kindDeletes.push({ order: lastRevision, change: { op: 'delete', kind, key } });
    }
    puts.push(...kindPuts.sort((a, b) => a.order - b.order).map((c) => c.change));
    deletes.unshift(...kindDeletes.sort((a, b) => a.order - b.order).map((c) => c.change));
  }
  return [...puts, ...deletes];
}

/** In-process listeners plus the poll/NOTIFY machinery; started on the first subscriber. */
export class Feed implements RevisionHub {
  private readonly listeners = new Set<(revision: number) => void>();
  private lastEmitted = -1;
  private timer: NodeJS.Timeout | undefined;
  private stopListen: (() => Promise<void>) | undefined;
  private listenFailed = false;
  private closed = false;

  constructor(private readonly ctx: Ctx) {}

  /** Emits `revision` to every listener once, in increasing order. */
  committed(revision: number): void {
    if (revision <= this.lastEmitted || this.listeners.size === 0) return;
    this.lastEmitted = revision;
    for (const l of this.listeners) {
      try {
        l(revision);
      } catch {
        // a listener's failure must not stop the others
      }
    }
  }

  subscribe(listener: (revision: number) => void): () => void {
    if (typeof listener !== 'function') throw new InvalidInputError('listener must be a function');
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.stop();
    };
  }

  private start(): void {
    const meta = this.ctx.driver.read((db) => readMeta(db));
    void meta.then((m) => { if (this.lastEmitted < 0) this.lastEmitted = m.revision; }, () => undefined);
    this.timer = setInterval(() => void this.poll(), this.ctx.cfg.pollIntervalMs);
    this.timer.unref();
    void this.listen();
  }

  private async listen(): Promise<void> {
    if (this.ctx.driver.kind !== 'postgres' || this.stopListen || this.closed) return;
    try {
      this.listenFailed = false;
      this.stopListen = await this.ctx.driver.listen((rev) => this.committed(rev), () => {
        this.listenFailed = true;
      });
    } catch {
      this.listenFailed = true;
    }
  }

  private async poll(): Promise<void> {
    try {
      const { revision } = await this.ctx.driver.read((db) => readMeta(db));
      this.committed(revision);
      if (this.listenFailed && this.stopListen) {
        const stop = this.stopListen;
        this.stopListen = undefined;
        await stop();
      }
      if (this.listenFailed || !this.stopListen) await this.listen();
    } catch {
      // store unreachable: the next tick tries again
    }
  }

  private async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const stop = this.stopListen;
    this.stopListen = undefined;
    if (stop) await stop();
  }

  /** Stops everything for good. */
  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.stop();
  }
}

/** Feed methods of the store. */
export function feedApi(ctx: Ctx, feed: Feed): FeedApi {
  return {
    currentRevision: async () => (await readMeta(ctx.driver.db)).revision,
    subscribe: (listener) => feed.subscribe(listener),
    listChanges: async (afterRevision, limit = DEFAULT_CHANGES_LIMIT) => {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_LIMIT) throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_CHANGES_LIMIT}`);
      const rows = await ctx.driver.db.selectFrom('change_log').selectAll().where('revision', '>', afterRevision).orderBy('revision').orderBy('seq').limit(limit).execute();
      return rows.map((r): ChangeLogEntry => ({ revision: Number(r.revision), kind: r.kind as ChangeLogKind, key: r.key, op: r.op as 'put' | 'delete' }));
    },
    changesSince: (revision) => ctx.driver.read(async (db): Promise<ChangeBatch | null> => {
      if (!Number.isInteger(revision) || revision < 0) throw new InvalidInputError(`revision \`${String(revision)}\` must be a non-negative integer`);
      const meta = await readMeta(db);
      if (revision > meta.revision) throw new ChangeLogGapError(`revision ${revision} is ahead of the store (at ${meta.revision})`, { revision, current: meta.revision });
      if (revision < meta.logFloor) throw new ChangeLogGapError(`the change log starts after revision ${revision}`, { revision, floor: meta.logFloor });
      if (revision === meta.revision) return null;
      const rows = await db.selectFrom('change_log').select(['kind', 'key', 'revision']).where('revision', '>', revision).orderBy('revision').orderBy('seq').execute();
      const touched = new Map<WorldKind, Map<string, number>>();
      for (const r of rows) {
        if (!isWorldKind(r.kind)) continue;
        let m = touched.get(r.kind);
        if (!m) touched.set(r.kind, (m = new Map()));
        m.set(r.key, Number(r.revision));
      }
      const sel: Selection = {};
      for (const [kind, keys] of touched) sel[kind] = [...keys.keys()];
      const world = await loadWorld(db, sel);
      return { revision: meta.revision, changes: orderChanges(world, touched) };
    }),
  };
}
