// Entry of an evaluation worker thread: holds its own engine (a LocalExecutor), applies the worlds it is sent, answers calls in order.

import { parentPort, workerData } from 'node:worker_threads';
import type { EvalReply, MethodId } from '../service/evaluator.ts';
import { LocalExecutor } from './local-executor.ts';
import { ownBytes, type FromWorker, type ToWorker, type WorkerInit, type WorldMessage } from './messages.ts';

const init = workerData as WorkerInit;
const executor = new LocalExecutor(init.limits, init.drafts);
const port = parentPort!;
/** Messages that arrived while a snapshot was being compiled: handled in order once it is in place. */
const backlog: ToWorker[] = [];
let loading = false;

function send(message: FromWorker): void {
  port.postMessage(message);
}

async function world(message: WorldMessage): Promise<void> {
  try {
    const info = message.t === 'load' ? await executor.load(message.snapshot) : await executor.apply(message.batch);
    send({ t: 'ack', seq: message.seq, info });
  } catch (err) {
    send({ t: 'ack', seq: message.seq, error: (err as Error)?.stack ?? String(err) });
  }
}

function handle(message: ToWorker): void {
  if (message.t === 'eval') {
    const replies: EvalReply[] = new Array(message.ids.length);
    for (let i = 0; i < message.ids.length; i++) {
      const reply = executor.run(message.methods[i] as MethodId, message.payloads[i]);
      if (reply.kind === 'ok') reply.bytes = ownBytes(reply.bytes);
      replies[i] = reply;
    }
    send({ t: 'replies', ids: message.ids, replies });
    return;
  }
  if (message.t === 'apply') {
    void world(message);
    return;
  }
  loading = true;
  void world(message).finally(() => {
    loading = false;
    while (backlog.length > 0 && !loading) handle(backlog.shift()!);
  });
}

port.on('message', (message: ToWorker) => {
  if (loading) backlog.push(message);
  else handle(message);
});
