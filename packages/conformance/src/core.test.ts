// Runs the whole corpus against the core engine: one test per case, named `<file> > <case name>`.

import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type AuthzEngine } from '@iam/core';
import { checkCase, formatFailure, needsExplain } from './check.ts';
import { loadCorpus } from './load.ts';

const corpus = loadCorpus();

for (const { name: fileName, file } of corpus.files) {
  describe(fileName, () => {
    let engine: AuthzEngine | undefined;
    let loadError: unknown;

    beforeAll(async () => {
      try {
        engine = await createEngine(file.world);
      } catch (err) {
        loadError = err;
      }
    });

    for (const testCase of file.cases) {
      it(testCase.name, () => {
        if (!engine) throw new Error(`the world of \`${fileName}\` did not load: ${String(loadError)}`);
        const explain = needsExplain(testCase.expect);
        const result = engine.authorize({ ...testCase.request, explain });
        const mismatches = checkCase(testCase.expect, result);
        if (mismatches.length > 0) {
          const explained = explain ? result : engine.authorize({ ...testCase.request, explain: true });
          expect.fail(formatFailure(fileName, testCase, mismatches, explained));
        }
      });
    }
  });
}
