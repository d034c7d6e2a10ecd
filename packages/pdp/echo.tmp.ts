import * as grpc from '@grpc/grpc-js';
import { fork } from 'node:child_process';
const opts = process.argv[2] === 'nochannelz' ? { 'grpc.enable_channelz': 0 } : {};
const server = new grpc.Server(opts);
const id = (b: Buffer) => b;
server.addService({ Echo: { path: '/x.Echo/Echo', requestStream: false, responseStream: false, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id } } as any, { Echo: (call: any, cb: any) => cb(null, Buffer.from([8, 1])) });
const port = await new Promise<number>((r) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => r(p)));
const child = fork(new URL('./bench/load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
for (const c of [1, 32]) {
  const res: any = await new Promise((r) => { child.once('message', r); child.send({ address: `127.0.0.1:${port}`, path: '/x.Echo/Echo', payloads: [Buffer.alloc(200, 1)], concurrency: c, warmupMs: 300, durationMs: 1500, channels: 1 }); });
  console.log(process.argv[2] ?? 'default', c, Math.round(res.calls / res.elapsedMs * 1000), 'rps', res.p50Ms.toFixed(2), res.p99Ms.toFixed(2));
}
child.send('exit'); server.forceShutdown();
