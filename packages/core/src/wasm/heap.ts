/// <reference path="./webassembly.d.ts" />
// The host side of WASM memory: a size-class allocator over the module's linear memory, typed views
// that survive growth, and the block writer that lays out one entity as one relocatable allocation.

import { HOST_HEAP_START, ROOT_SIZE } from '../../assembly/layout.ts';

const PAGE = 65536;
/** Smallest allocation granule; every block is 8-aligned so f64 values inside can be aligned too. */
const GRANULE = 8;
/** Allocations up to this size use power-of-two classes with free lists; larger ones are exact-size. */
const MAX_CLASS = 1 << 16;

/** Allocator and views over one instance's memory. */
export class WasmHeap {
  u8!: Uint8Array;
  u32!: Uint32Array;
  f64!: Float64Array;
  private top: number;
  /** Free blocks of the power-of-two classes, by class size. */
  private readonly free = new Map<number, number[]>();
  /** Free blocks above MAX_CLASS, by exact size; a size whose list empties is dropped, so scans stay short. */
  private readonly large = new Map<number, number[]>();
  /** Bytes currently allocated (by class size). */
  allocated = 0;

  constructor(readonly memory: WebAssembly.Memory) {
    this.top = HOST_HEAP_START + ROOT_SIZE;
    this.ensure(this.top);
    this.refresh();
  }

  /** Re-create the typed views (after memory growth detached the old buffer). */
  refresh(): void {
    const buf = this.memory.buffer;
    this.u8 = new Uint8Array(buf);
    this.u32 = new Uint32Array(buf);
    this.f64 = new Float64Array(buf);
  }

  /** Grow memory so that [0, end) is addressable. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    this.memory.grow(Math.max(pages, Math.ceil(have / PAGE / 4)));
    this.refresh();
  }

  /** Bytes of the heap in use, free lists included (the image's footprint). */
  get footprint(): number {
    return this.top - HOST_HEAP_START;
  }

  /** The class size an allocation of `size` bytes occupies. */
  static classOf(size: number): number {
    const n = Math.max(GRANULE * 2, Math.ceil(size / GRANULE) * GRANULE);
    if (n > MAX_CLASS) return n;
    return 1 << Math.ceil(Math.log2(n));
  }

  /** Allocate `size` zeroed bytes; returns the address. */
  alloc(size: number): number {
    const cls = WasmHeap.classOf(size);
    let ptr = cls > MAX_CLASS ? this.popLarge(cls) : (this.free.get(cls)?.pop() ?? 0);
    if (ptr === 0) ptr = this.takeLarger(cls);
    if (ptr === 0) {
      ptr = this.top;
      this.ensure(ptr + cls);
      this.top += cls;
    }
    this.u8.fill(0, ptr, ptr + cls);
    this.allocated += cls;
    return ptr;
  }

  /** Return a block of `size` bytes (the size it was allocated with) to its free list. */
  release(ptr: number, size: number): void {
    if (ptr === 0) return;
    const cls = WasmHeap.classOf(size);
    this.pushFree(cls, ptr);
    this.allocated -= cls;
  }

  /**
   * The smallest free exact-size (large) block bigger than `cls`, split: its tail goes back to the free lists. Without
   * this, large blocks never asked for again at their exact size (a grown arena, a rebuilt table) would be lost.
   */
  private takeLarger(cls: number): number {
    let best = 0;
    for (const size of this.large.keys()) if (size > cls && (best === 0 || size < best)) best = size;
    if (best === 0) return 0;
    const ptr = this.popLarge(best);
    this.freeRange(ptr + cls, best - cls);
    return ptr;
  }

  /** A free large block of exactly `size` bytes, or 0. */
  private popLarge(size: number): number {
    const list = this.large.get(size);
    if (list === undefined) return 0;
    const ptr = list.pop() as number;
    if (list.length === 0) this.large.delete(size);
    return ptr;
  }

  /** Put an unallocated range on the free lists: one exact-size block, or power-of-two class blocks (a tail under 16 bytes is dropped). */
  private freeRange(at: number, bytes: number): void {
    if (bytes > MAX_CLASS) {
      this.pushFree(bytes, at);
      return;
    }
    for (let piece = MAX_CLASS; piece >= GRANULE * 2; piece >>>= 1) {
      while (bytes >= piece) {
        this.pushFree(piece, at);
        at += piece;
        bytes -= piece;
      }
    }
  }

  private pushFree(cls: number, ptr: number): void {
    const lists = cls > MAX_CLASS ? this.large : this.free;
    let list = lists.get(cls);
    if (!list) lists.set(cls, (list = []));
    list.push(ptr);
  }

  /** Store a u32 at an address. */
  setU32(addr: number, value: number): void {
    this.u32[addr >>> 2] = value >>> 0;
  }
}

const textEncoder = new TextEncoder();

/**
 * Builds one block in JS memory with internal pointers as offsets, then copies it into the heap and
 * relocates them. A block is the unit of allocation and of replacement (one policy, one principal...).
 */
export class BlockWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private relocs: number[] = [];
  length = 0;

  private grow(need: number): void {
    if (this.length + need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Reserve `n` zeroed bytes (4-aligned); returns their offset. */
  reserve(n: number, align = 4): number {
    this.length = Math.ceil(this.length / align) * align;
    this.grow(n);
    const off = this.length;
    this.buf.fill(0, off, off + n);
    this.length += n;
    return off;
  }

  /** Write a u32 at an offset. */
  u32At(off: number, value: number): void {
    this.view.setUint32(off, value >>> 0, true);
  }

  /** Write an internal pointer (an offset in this block) at an offset; 0 stays null. */
  ptrAt(off: number, target: number | null): void {
    if (target === null) return;
    this.view.setUint32(off, target, true);
    this.relocs.push(off);
  }

  /** Append a u32; returns its offset. */
  u32(value: number): number {
    const off = this.reserve(4);
    this.u32At(off, value);
    return off;
  }

  /** Append an f64 (8-aligned); returns its offset. */
  f64(value: number): number {
    const off = this.reserve(8, 8);
    this.view.setFloat64(off, value, true);
    return off;
  }

  /** Append raw bytes; returns their offset. */
  bytes(data: Uint8Array): number {
    const off = this.reserve(data.length, 1);
    this.buf.set(data, off);
    return off;
  }

  /** Append a length-prefixed string (UTF-8, or raw bytes); returns its offset. */
  string(text: string | Uint8Array): number {
    if (typeof text !== 'string') {
      if (!(text instanceof Uint8Array)) throw new TypeError(`a block string must be text, not ${typeof text}`);
      const off = this.reserve(4 + text.length);
      this.u32At(off, text.length);
      this.buf.set(text, off + 4);
      return off;
    }
    // encode in place: reserve the worst case, then give back what UTF-8 did not use
    const off = this.reserve(4 + text.length * 3);
    const written = textEncoder.encodeInto(text, this.buf.subarray(off + 4, off + 4 + text.length * 3)).written;
    this.u32At(off, written);
    this.length = off + 4 + written;
    return off;
  }

  /** Append a list of u32 values; returns its offset. */
  list(values: readonly number[]): number {
    const off = this.reserve(4 + 4 * values.length);
    this.u32At(off, values.length);
    for (let i = 0; i < values.length; i++) this.u32At(off + 4 + 4 * i, values[i]);
    return off;
  }

  /** Append a list of internal pointers; returns its offset. */
  ptrList(targets: readonly number[]): number {
    const off = this.reserve(4 + 4 * targets.length);
    this.u32At(off, targets.length);
    for (let i = 0; i < targets.length; i++) this.ptrAt(off + 4 + 4 * i, targets[i]);
    return off;
  }

  /** Copy into the heap, relocate internal pointers; returns the block's address. */
  commit(heap: WasmHeap): number {
    const base = heap.alloc(this.length);
    heap.u8.set(this.buf.subarray(0, this.length), base);
    for (const off of this.relocs) {
      const a = (base + off) >>> 2;
      heap.u32[a] = heap.u32[a] + base;
    }
    return base;
  }
}
