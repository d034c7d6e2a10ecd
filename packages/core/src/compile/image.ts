// The compiled image resident in one evaluator instance: heap, root block, tables, interned keys and
// services, statement metadata, and the scratch/explain areas the evaluator uses.

import { ROOT_POLICY_MASKS, HOST_HEAP_START, ROOT_ACCOUNTS_HT, ROOT_EXPLAIN, ROOT_EXPLAIN_CAP, ROOT_FLAGS, ROOT_GROUPS, ROOT_MGMT_NODE, ROOT_NODES, ROOT_ORG_ID, ROOT_POLICIES, ROOT_RESOURCES_HT, ROOT_SCRATCH, ROOT_SCRATCH_SIZE, ROOT_SERVICES_HT, NONE, EX_SIZE } from '../../assembly/layout.ts';
import type { ParsedPolicy } from '../model/policy.ts';
import { BlockWriter, WasmHeap } from '../wasm/heap.ts';
import { instantiateEvaluator, type EvaluatorExports } from '../wasm/module.ts';
import { KeyTable } from './keys.ts';
import { compilePolicy, type CompileContext, type StatementMeta } from './policy.ts';
import { HashTable, IndexTable } from './tables.ts';

/** Scratch bytes for rendering patterns with variables. */
const SCRATCH_BYTES = 64 * 1024;
/** Explanation records per batch before the evaluator reports truncation. */
export const EXPLAIN_CAPACITY = 64 * 1024;

/** New condition keys and services that policies brought by requests (session policies) may add, in all. */
export const REQUEST_NAMES_LIMIT = 4096;

/** Thrown when a policy brought by a request would add names past REQUEST_NAMES_LIMIT (names are never freed). */
export class NameLimitError extends Error {}

/** A committed block and its size (for release). */
export interface Block {
  ptr: number;
  size: number;
}

/** One evaluator instance and the compiled state in its memory. */
export class Image implements CompileContext {
  readonly exports: EvaluatorExports;
  readonly heap: WasmHeap;
  readonly keys = new KeyTable();
  readonly policies: IndexTable;
  readonly groups: IndexTable;
  readonly nodes: IndexTable;
  readonly accounts: HashTable;
  readonly resources: HashTable;
  readonly services: HashTable;
  readonly explainArea: number;
  /** Statement id -> what explanations say about it. */
  readonly statements: (StatementMeta | undefined)[] = [];
  private readonly freeStatementIds: number[] = [];
  private readonly serviceIds = new Map<string, number>();
  /** Size of each live block, by address. */
  private readonly blockSizes = new Map<number, number>();
  statementCount = 0;
  private requestNames = 0;
  private compilingRequestPolicy = false;
  /** One-value lists of `false` and `true`, written once: every boolean context value points at one of them. */
  readonly booleans: readonly [number, number];
  /** The empty string (what a refused request's record names as its action and resource). */
  readonly empty: number;

  constructor() {
    this.exports = instantiateEvaluator();
    this.heap = new WasmHeap(this.exports.memory);
    this.policies = new IndexTable(this.heap, ROOT_POLICIES, ROOT_POLICY_MASKS);
    this.groups = new IndexTable(this.heap, ROOT_GROUPS);
    this.nodes = new IndexTable(this.heap, ROOT_NODES);
    this.accounts = new HashTable(this.heap, ROOT_ACCOUNTS_HT);
    this.resources = new HashTable(this.heap, ROOT_RESOURCES_HT);
    this.services = new HashTable(this.heap, ROOT_SERVICES_HT);
    const scratch = this.heap.alloc(SCRATCH_BYTES);
    this.setRoot(ROOT_SCRATCH, scratch);
    this.setRoot(ROOT_SCRATCH_SIZE, SCRATCH_BYTES);
    this.explainArea = this.heap.alloc(EXPLAIN_CAPACITY * EX_SIZE);
    this.setRoot(ROOT_EXPLAIN, this.explainArea);
    this.setRoot(ROOT_EXPLAIN_CAP, EXPLAIN_CAPACITY);
    this.setRoot(ROOT_MGMT_NODE, NONE);
    this.setRoot(ROOT_ORG_ID, 0);
    this.setRoot(ROOT_FLAGS, 0);
    const w = new BlockWriter();
    const lists = [w.ptrList([w.string('false')]), w.ptrList([w.string('true')])];
    const empty = w.string('');
    const block = this.commit(w).ptr;
    this.booleans = [block + lists[0], block + lists[1]];
    this.empty = block + empty;
  }

  /** Write a u32 root slot. */
  setRoot(slot: number, value: number): void {
    this.heap.setU32(HOST_HEAP_START + slot, value);
  }

  /** Commit a written block into the heap. */
  commit(w: BlockWriter): Block {
    const ptr = w.commit(this.heap);
    this.blockSizes.set(ptr, w.length);
    return { ptr, size: w.length };
  }

  /** Free a block by address (0 is ignored). */
  release(ptr: number): void {
    if (!ptr) return;
    const size = this.blockSizes.get(ptr);
    if (size === undefined) return;
    this.blockSizes.delete(ptr);
    this.heap.release(ptr, size);
  }

  /** Service id of an action prefix (lowercased), interning it in the services table. */
  serviceId(prefix: string): number {
    let id = this.serviceIds.get(prefix);
    if (id === undefined) {
      if (this.compilingRequestPolicy) this.countRequestName();
      id = this.serviceIds.size;
      this.serviceIds.set(prefix, id);
      const w = new BlockWriter();
      w.u32(id);
      w.string(prefix);
      this.services.set(prefix, this.commit(w).ptr);
    }
    return id;
  }

  newStatementId(meta: StatementMeta): number {
    const id = this.freeStatementIds.length > 0 ? (this.freeStatementIds.pop() as number) : this.statements.length;
    this.statements[id] = meta;
    this.statementCount++;
    return id;
  }

  releaseStatementIds(ids: readonly number[]): void {
    for (const id of ids) {
      if (this.statements[id] === undefined) continue;
      this.statements[id] = undefined;
      this.freeStatementIds.push(id);
      this.statementCount--;
    }
  }

  /** Compile a parsed policy into a block; returns the block and its statement ids. */
  /**
   * Compile a session policy a request brought: the condition keys and services it adds are counted, and past
   * REQUEST_NAMES_LIMIT a policy that would add more is refused (NameLimitError); names it already shares cost nothing.
   */
  compileRequestPolicy(parsed: ParsedPolicy): Block & { statementIds: number[] } {
    this.compilingRequestPolicy = true;
    this.keys.onNewKey = () => this.countRequestName();
    try {
      return this.compilePolicy(parsed, '', true);
    } finally {
      this.compilingRequestPolicy = false;
      this.keys.onNewKey = undefined;
    }
  }

  private countRequestName(): void {
    if (this.requestNames >= REQUEST_NAMES_LIMIT) throw new NameLimitError(`session policies have added ${REQUEST_NAMES_LIMIT} new condition keys and services, the most the engine keeps`);
    this.requestNames++;
  }

  compilePolicy(parsed: ParsedPolicy, policyId: string, session = false): Block & { statementIds: number[] } {
    const { writer, statementIds } = compilePolicy(parsed, policyId, this, session);
    return { ...this.commit(writer), statementIds };
  }

  /** Bytes of WASM memory the image occupies (heap footprint, free lists included). */
  get imageBytes(): number {
    return this.heap.footprint;
  }
}
