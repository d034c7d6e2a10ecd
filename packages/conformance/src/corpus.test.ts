// Checks the corpus itself: unique names, statement references and its size (loadCorpus already rejects a file that breaks the schema).

import { describe, expect, it } from 'vitest';
import { loadCorpus } from './load.ts';
import { referenceProblems } from './references.ts';

/** The corpus must hold at least this many cases (parts A and B together). */
const MIN_CORPUS_CASES = 200;

const corpus = loadCorpus();

describe('corpus', () => {
  it('has case files', () => {
    expect(corpus.files.length).toBeGreaterThan(0);
  });

  it(`holds at least ${MIN_CORPUS_CASES} cases`, () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(MIN_CORPUS_CASES);
  });

  for (const { name, file } of corpus.files) {
    describe(name, () => {
      it('names every case uniquely', () => {
        const seen = new Set<string>();
        const duplicates = file.cases.map((c) => c.name).filter((n) => seen.has(n) || !seen.add(n));
        expect(duplicates).toEqual([]);
      });

      it('names only statements its world holds in expected reasons and errors', () => {
        expect(referenceProblems(file)).toEqual([]);
      });
    });
  }
});
