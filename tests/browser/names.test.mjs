// The browser reads names as the server does (docs/record-format.md §1): the shared list of
// tricky inputs (tests/fixtures/names.json, which tests/names.rs holds the server to) read by
// kiosk/shared/names.js, the module the kiosk, the console and the verifier use.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { readName } from '../../kiosk/shared/names.js';
import { ROOT } from './support/server.mjs';

const cases = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'names.json'), 'utf8'));

test('the browser reads every tricky input as the server does', () => {
  assert.ok(cases.length > 40);
  for (const { input, name, error, character } of cases) {
    const read = readName(input);
    const label = JSON.stringify(input);
    if (name !== undefined) assert.deepEqual(read, { name }, label);
    else {
      assert.equal(read.error, error, label);
      if (character) assert.equal(read.character, character, label);
    }
  }
});

test('four spellings of 赵六 with invisible characters are one name, a lone zero-width space none', () => {
  const spellings = ['赵六', '赵\u200d六', '赵六\u200b', '\u2060赵六'];
  assert.deepEqual(new Set(spellings.map((s) => readName(s).name)), new Set(['赵六']));
  assert.deepEqual(readName('\u200b'), { error: 'name_empty' });
});
