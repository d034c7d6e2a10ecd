// `npx nx run pdp:bench-instructions`: instructions per decision of one evaluation thread's BatchAuthorize(100) path
// (decode, evaluate, encode; bench/instructions-loop.ts) under callgrind, by function, with core's driver.
// Usage: instructions.ts [--size S] [--batches N] [--hot]

import { fileURLToPath } from 'node:url';
import { countInstructions } from '../../core/bench/instructions-driver.ts';

await countInstructions({ title: 'iam PDP instructions (BatchAuthorize(100), one thread)', cwd: fileURLToPath(new URL('..', import.meta.url)), loop: 'bench/instructions-loop.ts' }, process.argv.slice(2));
