// Benchmark variant with processes instead of threads: N cluster workers, each a whole PDP (own engine, no worker
// threads) sharing one gRPC port through node:cluster. Started by run.ts with `--processes N`; not used in production.

import cluster from 'node:cluster';
import { generateWorld } from '../../core/bench/world.ts';
import { defaultConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { startPdp } from '../src/server.ts';
import { StaticSource } from '../src/source/static-source.ts';

/** Starts `processes` PDP processes on `port`; resolves once all serve, with a function that stops them. */
export async function startCluster(processes: number, port: number): Promise<() => Promise<void>> {
  cluster.setupPrimary({ exec: new URL(import.meta.url).pathname, execArgv: ['--import', 'tsx'], args: [String(port)] });
  const workers = Array.from({ length: processes }, () => cluster.fork());
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
    w.once('exit', (code) => reject(new Error(`cluster worker exited with ${code}`)));
  })));
  return async () => {
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      w.removeAllListeners('exit');
      w.once('exit', () => resolve());
      w.send('stop');
    })));
  };
}

if (cluster.isWorker) {
  const port = Number(process.argv[2]);
  const pdp = await startPdp({
    config: defaultConfig({ host: '127.0.0.1', grpcPort: port, httpPort: 0, workers: 0 }),
    source: new StaticSource(generateWorld('medium')),
    logger: silentLogger,
  });
  process.on('message', (m) => {
    if (m === 'stop') void pdp.close().then(() => process.exit(0));
  });
  process.send!('ready');
}
