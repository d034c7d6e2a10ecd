/// <reference path="./webassembly.d.ts" />
// Loading the evaluator: compile the .wasm once per process, instantiate per engine, check the ABI.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ABI_VERSION, HOST_HEAP_START } from '../../assembly/layout.ts';

/** The evaluator's exports. */
export interface EvaluatorExports {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  heapBase(): number;
  evaluateBatch(records: number, count: number, results: number): number;
  hashBytes(ptr: number, len: number): number;
}

const WASM_URL = new URL('../../build/evaluator.wasm', import.meta.url);
let compiled: WebAssembly.Module | undefined;

/** The compiled module (built by `nx run core:build-wasm`). */
export function evaluatorModule(): WebAssembly.Module {
  if (!compiled) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(fileURLToPath(WASM_URL));
    } catch {
      throw new Error('the evaluator is not built: run `npx nx run core:build-wasm` (packages/core/build/evaluator.wasm is missing)');
    }
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** A new evaluator instance with its own memory; throws when the module's ABI is not the host's. */
export function instantiateEvaluator(): EvaluatorExports {
  const instance = new WebAssembly.Instance(evaluatorModule(), {
    env: {
      abort() {
        throw new Error('the evaluator aborted');
      },
    },
  });
  const exports = instance.exports as unknown as EvaluatorExports;
  const abi = exports.abiVersion();
  if (abi !== ABI_VERSION) throw new Error(`evaluator ABI ${abi} does not match the host's ABI ${ABI_VERSION}: rebuild the WASM module`);
  if (exports.heapBase() > HOST_HEAP_START) throw new Error('evaluator static data overlaps the host heap');
  return exports;
}
