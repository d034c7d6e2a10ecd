// `npm run bench:instructions`: instructions per decision of the core's batch loop (bench/instructions-loop.ts) under
// callgrind, by function (see instructions-driver.ts). Usage: instructions.ts [--size S] [--batches N] [--hot]

import { fileURLToPath } from 'node:url';
import { countInstructions } from './instructions-driver.ts';

await countInstructions({ title: 'iam core instructions', cwd: fileURLToPath(new URL('..', import.meta.url)), loop: 'bench/instructions-loop.ts' }, process.argv.slice(2));
