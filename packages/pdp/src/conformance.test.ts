// The whole conformance corpus over gRPC against a real PDP on port 0: the same results as the engine in-process.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AuthzEngine } from '@iam/core';
import { checkCase, loadCorpus, needsExplain } from '@iam/conformance';
import { createPdpClient, type PdpClient } from './client.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { StaticSource } from './source/static-source.ts';
import { testConfig } from './test-world.ts';
import { fromWireResponse, toWireRequest } from './wire.ts';

const corpus = loadCorpus();
let conforming = 0;
let total = 0;

afterAll(() => {
  console.info(`conformance over gRPC: ${conforming}/${total} cases conform to the corpus (the same results as in-process)`);
});

for (const { name: fileName, file } of corpus.files) {
  describe(fileName, () => {
    let pdp: RunningPdp | undefined;
    let client: PdpClient | undefined;
    let engine: AuthzEngine | undefined;

    beforeAll(async () => {
      engine = await createEngine(file.world);
      pdp = await startPdp({ config: testConfig(), source: new StaticSource(file.world), logger: silentLogger, defaultMetrics: false });
      client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
    });

    afterAll(async () => {
      client?.close();
      await pdp?.close();
    });

    it('decides every case over gRPC exactly as in-process', async () => {
      for (const testCase of file.cases) {
        const request = { ...testCase.request, explain: true };
        const local = engine!.authorize(request);
        const { revision: _revision, ...remote } = fromWireResponse(await client!.authorize(toWireRequest(request)));
        expect(remote, testCase.name).toEqual(local);
        const mismatches = checkCase(testCase.expect, remote);
        expect(mismatches, testCase.name).toEqual(checkCase(testCase.expect, local));
        total++;
        if (mismatches.length === 0) conforming++;
        if (!needsExplain(testCase.expect)) {
          const plain = await client!.authorize(toWireRequest(testCase.request));
          expect(fromWireResponse(plain).decision, testCase.name).toBe(local.decision);
        }
      }
    });

    it('decides the file in one BatchAuthorize as in-process', async () => {
      const requests = file.cases.map((c) => c.request);
      const batch = await client!.batchAuthorize({ requests: requests.map((r) => toWireRequest(r)) });
      expect(batch.results.map((r) => fromWireResponse(r).decision)).toEqual(engine!.authorizeBatch(requests).map((r) => r.decision));
    });
  });
}
