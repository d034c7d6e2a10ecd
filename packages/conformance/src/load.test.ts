// Tests the corpus loader on temporary folders: order, nesting and errors that name the file.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusLoadError, loadCorpus } from './load.ts';

const WORLD = { format: 'iam-world-snapshot', version: 1 };
const ONE_CASE = {
  name: 'c1',
  request: { principal: { arn: 'arn:aws:iam::111122223333:user/a' }, action: 's3:GetObject', resource: '*' },
  expect: { decision: 'ImplicitDeny' },
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A fresh corpus folder holding `files` (relative path -> text). */
function corpusDir(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'iam-corpus-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe('loadCorpus', () => {
  it('loads nested files in sorted order and flattens their cases', () => {
    const file = (n: string) => JSON.stringify({ description: n, source: 'https://x', world: WORLD, cases: [ONE_CASE, { ...ONE_CASE, name: 'c2' }] });
    const corpus = loadCorpus(corpusDir({ 'B-x/b.json': file('b'), 'A-y/a.json': file('a'), 'A-y/notes.txt': 'ignored' }));
    expect(corpus.files.map((f) => f.name)).toEqual(['A-y/a.json', 'B-x/b.json']);
    expect(corpus.cases.map((c) => `${c.fileName}:${c.case.name}`)).toEqual([
      'A-y/a.json:c1',
      'A-y/a.json:c2',
      'B-x/b.json:c1',
      'B-x/b.json:c2',
    ]);
  });

  it('names the file that is not valid JSON', () => {
    const d = corpusDir({ 'A-ok/ok.json': JSON.stringify({ cases: [] }), 'A-bad/broken.json': '{ "cases": [ }' });
    expect(() => loadCorpus(d)).toThrow(CorpusLoadError);
    expect(() => loadCorpus(d)).toThrow(/invalid JSON in case file `A-bad\/broken.json`/);
  });

  it('names the file whose top level is not an object with cases', () => {
    expect(() => loadCorpus(corpusDir({ 'A-x/list.json': '[]' }))).toThrow(/case file `A-x\/list.json` is not a JSON object/);
    expect(() => loadCorpus(corpusDir({ 'A-x/none.json': '{}' }))).toThrow(/`A-x\/none.json` has no `cases` array/);
  });

  it("rejects a world that breaks core's world schema, naming the file and the problem", () => {
    const file = (world: object) => JSON.stringify({ description: 'd', source: 'https://x', world, cases: [ONE_CASE] });
    const noArn = corpusDir({ 'A-x/user.json': file({ ...WORLD, users: [{ userId: 'AIDAALICE0000000000' }] }) });
    expect(() => loadCorpus(noArn)).toThrow(CorpusLoadError);
    expect(() => loadCorpus(noArn)).toThrow(/`A-x\/user.json` does not match its schema: \/world\/users\/0 must have required property 'arn'/);
    const unknown = corpusDir({ 'A-x/extra.json': file({ ...WORLD, colour: 'red' }) });
    expect(() => loadCorpus(unknown)).toThrow(/\/world must NOT have additional properties \(`colour`\)/);
  });

  it("accepts what core's world schema accepts (the fields it adds, such as `extensions`)", () => {
    const world = { ...WORLD, extensions: { store: {} } };
    const corpus = loadCorpus(corpusDir({ 'A-x/ext.json': JSON.stringify({ description: 'd', source: 'https://x', world, cases: [ONE_CASE] }) }));
    expect(corpus.cases).toHaveLength(1);
  });
});
