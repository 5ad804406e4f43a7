// The pages' stroke order (kiosk/shared/ballot-order.js), run in Node, gives what the rules
// engine gives (src/election/ballot_order.rs): the classic cases of RULES.md §2, and the lists
// that tests/ballot_order.rs checks against a second source; and 3,000 names drawn from the whole
// data agree with `ballotbox ballot-order`, under both methods.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadBallotOrder } from '../../kiosk/shared/ballot-order.js';
import { ROOT } from './support/server.mjs';

const BINARY = process.env.BALLOTBOX_BIN ?? join(ROOT, 'target', 'debug', 'ballotbox');

const fixture = (name) =>
  readFileSync(new URL(`../fixtures/ballot-order/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));

test('the classic cases come out as RULES.md §2 says', async () => {
  const order = await loadBallotOrder();
  const sorted = (names, method = 'surname_strokes') => order.sorted(names, method);
  assert.deepEqual(sorted(['文明', '王明']), ['王明', '文明'], '横 before 点');
  assert.deepEqual(sorted(['欧亮', '林亮']), ['林亮', '欧亮'], '竖 before 撇 at the second stroke');
  assert.deepEqual(sorted(['万里', '于里']), ['于里', '万里']);
  assert.deepEqual(sorted(['宋江', '杨江', '李江']), ['李江', '杨江', '宋江']);
  assert.deepEqual(sorted(['田大利', '田富']), ['田富', '田大利'], 'a blank after the surname');
  assert.deepEqual(sorted(['田富', '田大利'], 'name_strokes'), ['田大利', '田富'], 'no blank');
  assert.deepEqual(sorted(['洪一', '欧阳明']), ['欧阳明', '洪一']);
  assert.deepEqual(sorted(['赵一', '郑一', '林一', '陈一']), ['陈一', '林一', '郑一', '赵一'], '阝 is two strokes');
  assert.equal(order.count('陈'), 7);
  assert.equal(order.count('郑'), 8);
  assert.deepEqual(sorted(['Bob', '𠀀一', 'Anna', '丁一'], 'name_strokes'), ['丁一', 'Anna', 'Bob', '𠀀一']);
});

test('the second source\'s lists are in order here too', async () => {
  const order = await loadBallotOrder();
  for (const [file, method] of [
    ['surnames.txt', 'surname_strokes'],
    ['names-by-surname.txt', 'surname_strokes'],
    ['names-by-name.txt', 'name_strokes'],
  ]) {
    const names = fixture(file);
    assert.ok(names.length > 300, file);
    assert.equal(order.firstOutOfOrder(names, method), null, file);
    assert.deepEqual(order.sorted([...names].reverse(), method), names, file);
  }
});

test('names drawn from the whole data come out as ballotbox ballot-order puts them', async () => {
  const order = await loadBallotOrder();
  const chars = readFileSync(new URL('../../data/strokes.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0]);
  // Characters without data too: Latin letters, a middle dot, a rare character.
  chars.push('A', 'b', '·', '𠀀');
  // A fixed pseudo-random draw, so that a failure can be repeated.
  let seed = 2026;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const names = [];
  for (let i = 0; i < 3000; i += 1) {
    const length = 1 + (next() % 3);
    let name = '';
    // Many names share their first character, so that the later ones decide.
    for (let j = 0; j < length; j += 1) name += chars[next() % (j === 0 ? 40 : chars.length)];
    names.push(name);
  }
  for (const [method, flag] of [['surname_strokes', 'surname'], ['name_strokes', 'full']]) {
    const run = spawnSync(BINARY, ['ballot-order', '--method', flag], { input: names.join('\n'), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trimEnd().split('\n'), order.sorted(names, method), method);
  }
});
