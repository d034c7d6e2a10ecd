// The image's lookup tables in WASM memory, each mirrored in JS: index tables (key -> stable index ->
// block pointer) and open-addressing hash tables (string -> value) probed by the evaluator.

import { HASH_C1, HASH_C2, HASH_SEED, HT_CAP, HT_ENTRIES, HT_ENTRY_SIZE, HOST_HEAP_START } from '../../assembly/layout.ts';
import type { WasmHeap } from '../wasm/heap.ts';

const INITIAL_CAPACITY = 64;
const encoder = new TextEncoder();

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function hashWord(h: number, w: number): number {
  w = rotl(Math.imul(w, HASH_C1), 15);
  h = rotl(h ^ Math.imul(w, HASH_C2), 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The tables' hash of UTF-8 bytes: the same the evaluator computes (MurmurHash3, see HASH_SEED in layout.ts). */
export function strHash(bytes: Uint8Array, seed = HASH_SEED): number {
  const n = bytes.length;
  let h = seed | 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) h = hashWord(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
  if (i < n) {
    let tail = 0;
    for (let k = n - 1; k >= i; k--) tail = (tail << 8) | bytes[k];
    h ^= Math.imul(rotl(Math.imul(tail, HASH_C1), 15), HASH_C2);
  }
  h ^= n;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Stable indexes for keys (policy ARNs, group ARNs, org node ids), each holding a block pointer (0 when the
 * entity is absent). An index is never reused, so references by index stay valid across replacements.
 * WASM layout: a list (u32 count, then pointers) whose address sits in a root slot.
 */
export class IndexTable {
  private readonly index = new Map<string, number>();
  private readonly ptrs: number[] = [];
  private list = 0;
  private capacity = 0;
  /** Optional side table of u64 service masks (policies): copied from each block's first 8 bytes. */
  private masks = 0;

  constructor(private readonly heap: WasmHeap, private readonly rootSlot: number, private readonly maskSlot?: number) {
    this.reallocate(INITIAL_CAPACITY);
  }

  private reallocate(capacity: number): void {
    const next = this.heap.alloc(4 + 4 * capacity);
    let nextMasks = 0;
    if (this.maskSlot !== undefined) nextMasks = this.heap.alloc(8 * capacity);
    const u32 = this.heap.u32;
    u32[next >>> 2] = this.ptrs.length;
    for (let i = 0; i < this.ptrs.length; i++) u32[(next >>> 2) + 1 + i] = this.ptrs[i];
    this.heap.setU32(HOST_HEAP_START + this.rootSlot, next);
    if (this.list) this.heap.release(this.list, 4 + 4 * this.capacity);
    if (this.maskSlot !== undefined) {
      if (this.masks) {
        this.heap.u8.copyWithin(nextMasks, this.masks, this.masks + 8 * this.capacity);
        this.heap.release(this.masks, 8 * this.capacity);
      }
      this.heap.setU32(HOST_HEAP_START + this.maskSlot, nextMasks);
      this.masks = nextMasks;
    }
    this.list = next;
    this.capacity = capacity;
  }

  /** The index of a key, reserving one (with no block) on first use. */
  indexOf(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.ptrs.length;
      if (i >= this.capacity) this.reallocate(this.capacity * 2);
      this.ptrs.push(0);
      this.index.set(key, i);
      this.heap.setU32(this.list, this.ptrs.length);
    }
    return i;
  }

  /** The block pointer of a key (0 when absent). */
  get(key: string): number {
    const i = this.index.get(key);
    return i === undefined ? 0 : this.ptrs[i];
  }

  /** Set the block of a key; returns the previous pointer. */
  set(key: string, ptr: number): number {
    const i = this.indexOf(key);
    const old = this.ptrs[i];
    this.ptrs[i] = ptr;
    if (this.maskSlot !== undefined) {
      // the mask first, so the evaluator never sees a block with another policy's mask
      const u32 = this.heap.u32;
      const m = (this.masks >>> 2) + 2 * i;
      u32[m] = ptr === 0 ? 0 : u32[ptr >>> 2];
      u32[m + 1] = ptr === 0 ? 0 : u32[(ptr >>> 2) + 1];
    }
    this.heap.setU32(this.list + 4 + 4 * i, ptr);
    return old;
  }

  /** Keys that currently hold a block. */
  *present(): IterableIterator<[string, number]> {
    for (const [key, i] of this.index) if (this.ptrs[i] !== 0) yield [key, this.ptrs[i]];
  }

  get bytes(): number {
    return 4 + 4 * this.capacity;
  }
}

const EMPTY = 0;
const TOMBSTONE = 1;

/** Open-addressing hash table keyed by UTF-8 strings; values are never 0 or 1. */
export class HashTable {
  private readonly entries = new Map<string, number>();
  private table = 0;
  private capacity = 0;
  private used = 0; // live entries + tombstones

  constructor(private readonly heap: WasmHeap, private readonly rootSlot: number) {
    this.rebuild(INITIAL_CAPACITY);
  }

  private rebuild(capacity: number): void {
    const size = HT_ENTRIES + HT_ENTRY_SIZE * capacity;
    const next = this.heap.alloc(size);
    this.heap.setU32(next + HT_CAP, capacity);
    if (this.table) this.heap.release(this.table, HT_ENTRIES + HT_ENTRY_SIZE * this.capacity);
    this.table = next;
    this.capacity = capacity;
    this.used = 0;
    this.heap.setU32(HOST_HEAP_START + this.rootSlot, next);
    for (const [key, value] of this.entries) this.place(key, value);
  }

  /** Place a key known to be absent: in the first tombstone of its chain, else at the empty slot that ends it. */
  private place(key: string, value: number): void {
    const hash = strHash(encoder.encode(key));
    const mask = this.capacity - 1;
    const u32 = this.heap.u32;
    let tombstone = -1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = (this.table + HT_ENTRIES + slot * HT_ENTRY_SIZE) >>> 2;
      if (u32[e + 1] === TOMBSTONE && tombstone < 0) tombstone = e;
      else if (u32[e + 1] === EMPTY) {
        // replacing a key (remove, then place) reuses its tombstone: chains do not grow with rewrites
        const at = tombstone >= 0 ? tombstone : e;
        if (tombstone < 0) this.used++;
        u32[at] = hash;
        u32[at + 1] = value;
        return;
      }
    }
  }

  /** Insert or replace. */
  set(key: string, value: number): void {
    if (this.entries.has(key)) this.remove(key);
    this.entries.set(key, value);
    if ((this.used + 1) * 2 > this.capacity) {
      let cap = this.capacity;
      while ((this.entries.size + 1) * 2 > cap) cap *= 2;
      this.rebuild(cap);
    } else this.place(key, value);
  }

  /** Remove a key (leaves a tombstone). */
  remove(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    const hash = strHash(encoder.encode(key));
    const mask = this.capacity - 1;
    const u32 = this.heap.u32;
    for (let slot = hash & mask, n = 0; n < this.capacity; slot = (slot + 1) & mask, n++) {
      const e = (this.table + HT_ENTRIES + slot * HT_ENTRY_SIZE) >>> 2;
      if (u32[e + 1] === EMPTY) return;
      if (u32[e] === hash && u32[e + 1] === value) {
        u32[e + 1] = TOMBSTONE;
        return;
      }
    }
  }

  get(key: string): number | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return HT_ENTRIES + HT_ENTRY_SIZE * this.capacity;
  }
}
