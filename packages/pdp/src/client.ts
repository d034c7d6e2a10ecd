// A minimal typed client for tests and the benchmark (the real client package is packages/client).

import * as grpc from '@grpc/grpc-js';
import {
  loadAuthzPackage,
  type AuthorizeRequest,
  type AuthorizeResponse__Output,
  type AuthzServiceClient,
  type BatchAuthorizeRequest,
  type BatchAuthorizeResponse__Output,
} from '@iam/proto';

/** Promise-returning calls over one channel. */
export interface PdpClient {
  raw: AuthzServiceClient;
  authorize(request: AuthorizeRequest, options?: grpc.CallOptions): Promise<AuthorizeResponse__Output>;
  batchAuthorize(request: BatchAuthorizeRequest, options?: grpc.CallOptions): Promise<BatchAuthorizeResponse__Output>;
  close(): void;
}

/** Opens an insecure channel to `address` (`host:port`). */
export function createPdpClient(address: string, channelOptions: grpc.ChannelOptions = {}): PdpClient {
  const { grpc: typed } = loadAuthzPackage();
  const raw = new typed.iam.authz.v1.AuthzService(address, grpc.credentials.createInsecure(), channelOptions);
  const call = <Req, Res>(fn: (req: Req, opts: grpc.CallOptions, cb: grpc.requestCallback<Res>) => unknown) =>
    (request: Req, options: grpc.CallOptions = {}) =>
      new Promise<Res>((resolve, reject) => fn.call(raw, request, options, (err, res) => (err ? reject(err) : resolve(res!))));
  return {
    raw,
    authorize: call<AuthorizeRequest, AuthorizeResponse__Output>(raw.Authorize),
    batchAuthorize: call<BatchAuthorizeRequest, BatchAuthorizeResponse__Output>(raw.BatchAuthorize),
    close: () => raw.close(),
  };
}
