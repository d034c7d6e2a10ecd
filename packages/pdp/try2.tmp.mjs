import * as grpc from '@grpc/grpc-js';
const server = new grpc.Server();
const id = (b) => b;
server.addService({ Echo: { path: '/x.Echo/Echo', requestStream: false, responseStream: false, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id } }, { Echo: (call, cb) => cb(null, Buffer.from([8, 1])) });
const port = await new Promise((r) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => r(p)));
const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
const payload = Buffer.alloc(200, 1);
const one = () => new Promise((r) => client.makeUnaryRequest('/x.Echo/Echo', id, id, payload, r));
for (let k = 0; k < 3; k++) {
  const t = Date.now(); let n = 0;
  while (Date.now() - t < 1000) { await Promise.all(Array.from({length: 32}, one)); n += 32; }
  console.log('rps', n);
}
client.close(); server.forceShutdown();
