// Deterministic cost per decision: runs a batch loop under valgrind's callgrind with instrumentation on for the loop
// only, and prints instructions per decision, in all and by function (JIT'd JS and builtins by V8's perf map, WASM by
// the evaluator's function names). Unlike timings, these counts do not move with the machine's load, so they tell small
// changes apart. Needs valgrind. Used by core's and the PDP's `bench-instructions` commands.
//
// With `--misses`, callgrind also simulates the caches: the report then adds, per decision and by function, first-level
// data misses (D1) and last-level data misses (LL, the ones that go to memory), which is where distinct requests lose
// their time.
//
// A loop script reads SIZE, BATCHES and HOT from its environment, prepares and warms up, calls `loopReady` (which
// returns once instrumentation is on), runs, and ends with `loopDone(decisions)`.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORE = fileURLToPath(new URL('..', import.meta.url));
const REPO = join(CORE, '../../');
const TOP = Number(process.env.TOP ?? 30);

/** What to count: a title for the report, and the loop script (relative to `cwd`). */
export interface InstructionsBench {
  title: string;
  cwd: string;
  loop: string;
}

interface Options {
  size: string;
  batches: number;
  hot: boolean;
  misses: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { size: 'medium', batches: 500, hot: false, misses: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = (): string => inline ?? argv[++i];
    if (flag === '--size') o.size = value();
    else if (flag === '--batches') o.batches = Number(value());
    else if (flag === '--hot') o.hot = true;
    else if (flag === '--misses') o.misses = true;
    else throw new Error(`unknown argument \`${argv[i]}\` (usage: [--size small|medium|large] [--batches N] [--hot] [--misses])`);
  }
  if (!['small', 'medium', 'large'].includes(o.size)) throw new Error(`unknown size \`${o.size}\``);
  if (!Number.isInteger(o.batches) || o.batches < 1) throw new Error('--batches needs a positive integer');
  return o;
}

/** Run the loop under callgrind; returns the profile's path and the child's pid (the perf map's name). */
async function profile(bench: InstructionsBench, o: Options, dir: string): Promise<{ out: string; pid: number; decisions: number }> {
  const out = join(dir, 'callgrind.out');
  const goFile = join(dir, 'go');
  const v8Log = join(dir, 'v8.log'); // the perf map needs V8's code logging on, which also writes a log file
  const args = [
    '--tool=callgrind', '--instr-atstart=no', '--dump-instr=yes', `--callgrind-out-file=${out}`, ...(o.misses ? ['--cache-sim=yes'] : []),
    // one thread and no Liftoff tier: the same code runs every time, so counts repeat
    process.execPath, '--single-threaded', '--no-liftoff', '--perf-basic-prof', `--logfile=${v8Log}`, '--no-logfile-per-isolate', '--expose-gc', '--import', 'tsx', bench.loop,
  ];
  const child = spawn('valgrind', args, { cwd: bench.cwd, env: { ...process.env, SIZE: o.size, BATCHES: String(o.batches), HOT: o.hot ? '1' : '0', GO_FILE: goFile }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('READY\n')) resolve();
    });
    void exited.then((code) => reject(new Error(`the loop exited (${code}) before it was ready:\n${stderr.slice(-2000)}`)));
  });
  const on = spawnSync('callgrind_control', ['-i', 'on', String(child.pid)], { encoding: 'utf8' });
  if (on.status !== 0) throw new Error(`callgrind_control failed: ${on.stderr}`);
  writeFileSync(goFile, '');
  const code = await exited;
  const done = /DONE (\d+)/.exec(stdout);
  if (code !== 0 || !done) throw new Error(`the loop failed (${code}):\n${stderr.slice(-2000)}`);
  return { out, pid: child.pid!, decisions: Number(done[1]) };
}

/**
 * Address ranges of JIT code from V8's perf map, sorted and disjoint. The map only grows: code that died (world
 * generation, compilation) may have left its addresses to later code, so where entries overlap the latest one wins.
 */
function readPerfMap(path: string): { starts: number[]; ends: number[]; names: string[] } {
  const rows = readFileSync(path, 'utf8').split('\n').flatMap((line) => {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    return m ? [{ start: parseInt(m[1], 16), end: parseInt(m[1], 16) + parseInt(m[2], 16), name: m[3] }] : [];
  });
  // sweep over the boundaries, keeping the live entries in a max-heap of their order in the file
  const events = rows.flatMap((r, i) => [[r.start, i], [r.end, -1 - i]] as const).sort((a, b) => a[0] - b[0]);
  const heap: number[] = [];
  const ended = new Set<number>();
  const push = (i: number): void => {
    heap.push(i);
    for (let c = heap.length - 1; c > 0 && heap[(c - 1) >> 1] < heap[c]; c = (c - 1) >> 1) [heap[c], heap[(c - 1) >> 1]] = [heap[(c - 1) >> 1], heap[c]];
  };
  const pop = (): void => {
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let c = 0; ; ) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < heap.length && heap[l] > heap[m]) m = l;
      if (r < heap.length && heap[r] > heap[m]) m = r;
      if (m === c) break;
      [heap[c], heap[m]] = [heap[m], heap[c]];
      c = m;
    }
  };
  const out = { starts: [] as number[], ends: [] as number[], names: [] as string[] };
  for (let k = 0; k < events.length; k++) {
    const [at, code] = events[k];
    if (code >= 0) push(code);
    else ended.add(-1 - code);
    while (heap.length > 0 && ended.has(heap[0])) pop();
    const next = k + 1 < events.length ? events[k + 1][0] : at;
    if (heap.length === 0 || next <= at) continue;
    const name = rows[heap[0]].name;
    const n = out.ends.length;
    if (n > 0 && out.ends[n - 1] === at && out.names[n - 1] === name) out.ends[n - 1] = next;
    else {
      out.starts.push(at);
      out.ends.push(next);
      out.names.push(name);
    }
  }
  return out;
}

/** The evaluator's function names by index, from the text form the WASM build writes beside the module. */
function wasmNames(): string[] {
  const wat = join(CORE, 'build/evaluator.wat');
  if (!existsSync(wat)) return [];
  return [...readFileSync(wat, 'utf8').matchAll(/^\s*\(func \$(\S+)/gm)].map((m) => m[1].replace(/^assembly\//, ''));
}

/** Event columns the report shows: instructions, and with the cache simulation, data misses (reads and writes). */
const COLUMNS = { Ir: ['Ir'], D1: ['D1mr', 'D1mw'], LL: ['DLmr', 'DLmw'] } as const;
type Column = keyof typeof COLUMNS;

/** Self costs by function (one value per COLUMNS entry): JIT code named through the perf map, the rest by callgrind's native function names. */
function selfCosts(out: string, map: ReturnType<typeof readPerfMap>): Map<string, number[]> {
  const fnNames = new Map<string, string>();
  const costs = new Map<string, number[]>();
  const lookup = (addr: number): string | undefined => {
    let lo = 0;
    let hi = map.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (map.starts[mid] <= addr) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && addr < map.ends[hi] ? map.names[hi] : undefined;
  };
  // for each column, the cost line fields (after the position) that add up to it
  let fields: number[][] = [[0]];
  let fn = '';
  let pos = 0;
  let callCost = false;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const c = line.charCodeAt(0);
    const isCost = c === 48 /* 0 */ || c === 43 /* + */ || c === 45 /* - */ || c === 42 /* * */ || (c >= 49 && c <= 57);
    if (!isCost) {
      if (line.startsWith('events:')) {
        const events = line.slice(7).trim().split(/\s+/);
        fields = Object.values(COLUMNS).map((names) => names.map((e) => events.indexOf(e)).filter((i) => i >= 0));
      } else if (line.startsWith('calls=')) callCost = true; // the next cost line is the call's inclusive cost
      else if (line.startsWith('fn=') || line.startsWith('cfn=')) {
        // names are given once, at an id's first use (as a function or as a callee), then by id alone
        const m = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
        if (m) {
          if (m[2] !== undefined) fnNames.set(m[1], m[2]);
          if (line.startsWith('fn=')) fn = fnNames.get(m[1]) ?? m[1];
        }
      }
      continue;
    }
    const parts = line.split(' ');
    const p = parts[0];
    if (p.startsWith('0x')) pos = parseInt(p, 16);
    else if (p !== '*') pos += Number(p);
    if (callCost) {
      callCost = false;
      continue;
    }
    // the events follow two position fields (instruction address, line); trailing zero events are left out
    const values = fields.map((f) => f.reduce((sum, i) => sum + Number(parts[2 + i] ?? 0), 0));
    if (values.every((v) => v === 0)) continue;
    const name = lookup(pos) ?? `native ${fn}`;
    const row = costs.get(name);
    if (row === undefined) costs.set(name, values);
    else for (let k = 0; k < values.length; k++) row[k] += values[k];
  }
  return costs;
}

/** A readable name and its kind: wasm, js, builtin (V8's code stubs) or native (C++: runtime, GC, Node). */
function describe(name: string, wasm: string[]): { kind: string; label: string } {
  const w = /^(?:JS:)?wasm-function\[(\d+)\]/.exec(name);
  if (w) return { kind: 'wasm', label: wasm[Number(w[1])] ?? name };
  const js = /^JS:[*~^+]?(\S*) (?:file:\/\/)?(\S+)$/.exec(name);
  if (js) return { kind: 'js', label: `${js[1] || '(anonymous)'} ${js[2].replace(REPO, '').replace(/:\d+:\d+$/, '')}` };
  if (name.startsWith('native ')) return { kind: 'native', label: name.slice(7).replace(/\(.*$/, '').slice(0, 90) };
  return { kind: 'builtin', label: name.replace(/^(Builtin|BytecodeHandler|Handler|Stub|RegExp):/, '') };
}

/**
 * The loop script's side of the handshake: collect garbage (so every run starts the loop with the same heap), say
 * READY, and return once the driver has switched instrumentation on.
 */
export function loopReady(): void {
  const goFile = process.env.GO_FILE;
  if (!goFile) throw new Error('GO_FILE is not set (run the bench-instructions command)');
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write('READY\n');
  const idle = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(goFile)) Atomics.wait(idle, 0, 0, 50);
}

/** The loop script's last words: how many decisions the measured loop made; then it exits. */
export function loopDone(decisions: number): never {
  process.stdout.write(`DONE ${decisions}\n`);
  process.exit(0);
}

/** Count the instructions of `bench`'s loop and print the report; `argv`: [--size S] [--batches N] [--hot] [--misses]. */
export async function countInstructions(bench: InstructionsBench, argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error('valgrind is not installed: this command counts instructions under callgrind (apt-get install valgrind)');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'iam-instructions-'));
  console.log(`${bench.title}: ${o.size} world, ${o.batches} batches of 100 (${o.hot ? 'one batch repeated' : 'distinct requests'}), under callgrind...`);
  try {
    const { out, pid, decisions } = await profile(bench, o, dir);
    const perfMap = `/tmp/perf-${pid}.map`;
    const costs = selfCosts(out, readPerfMap(perfMap));
    rmSync(perfMap, { force: true });
    const wasm = wasmNames();
    const columns: Column[] = o.misses ? ['Ir', 'D1', 'LL'] : ['Ir'];
    const byKind = new Map<string, number[]>();
    const rows = new Map<string, { kind: string; n: number[] }>();
    const total = columns.map(() => 0);
    const add = (into: number[], values: number[]): void => {
      for (let k = 0; k < into.length; k++) into[k] += values[k];
    };
    for (const [name, values] of costs) {
      const { kind, label } = describe(name, wasm);
      add(total, values);
      if (!byKind.has(kind)) byKind.set(kind, columns.map(() => 0));
      add(byKind.get(kind)!, values);
      const row = rows.get(label) ?? { kind, n: columns.map(() => 0) };
      add(row.n, values);
      rows.set(label, row);
    }
    const per = (n: number): string => (n / decisions).toLocaleString('en-US', { maximumFractionDigits: n / decisions < 100 ? 1 : 0 }).padStart(7);
    const line = (values: number[]): string => values.map(per).join(' ');
    if (o.misses) console.log(`\nper decision (instructions, first-level data misses, last-level data misses):\n${' '.repeat(10)}${columns.map((c) => c.padStart(7)).join(' ')}\n  ${'total'.padEnd(8)}${line(total)}`);
    else console.log(`\ninstructions per decision: ${per(total[0]).trim()}`);
    console.log(['wasm', 'js', 'builtin', 'native'].map((k) => `  ${k.padEnd(8)}${line(byKind.get(k) ?? columns.map(() => 0))}`).join('\n'));
    // with the cache simulation, functions are ranked by their last-level misses
    const rank = o.misses ? 2 : 0;
    console.log(`\ntop ${TOP} functions (self ${o.misses ? 'costs' : 'instructions'} per decision${o.misses ? ', by LL misses' : ''}):`);
    for (const [label, { kind, n }] of [...rows].sort((a, b) => b[1].n[rank] - a[1].n[rank]).slice(0, TOP)) console.log(`${line(n)}  ${kind.padEnd(8)}${label}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

