#!/usr/bin/env node
// Regenerates data/strokes.tsv, the stroke data behind the ballot order (RULES.md §2,
// src/election/ballot_order.rs). Run by hand; the build never runs it. data/README.md says
// where the inputs come from and how to fetch them:
//
//   node scripts/strokes/generate.mjs SOURCES_DIR > data/strokes.tsv
//
// SOURCES_DIR holds the unpacked inputs:
//   cnchar-order/package/cnchar.order.min.js     npm cnchar-order (MIT): stroke sequences
//   cnchar-trad/package/cnchar.trad.min.js       npm cnchar-trad (MIT): traditional forms
//   cnchar-radical/package/cnchar.radical.min.js npm cnchar-radical (MIT): structure
//   unihan/                                      Debian unicode-data (Unicode License v3):
//                                                Unihan_*.txt.bz2, for the 8,105 characters of
//                                                《通用规范汉字表》 (kTGH) and the stroke counts
//                                                (kTotalStrokes, the first value is the G count)
//   rime/stroke.dict.yaml                        optional, Debian rime-data-stroke: a second
//                                                source, only compared against, never copied
//
// Output, one line a character, in code-point order, tab-separated:
//   character, stroke count, stroke classes (digits 1 横 2 竖 3 撇 4 点 5 折, or "-" when no
//   source gives the sequence), structure (l 左右, t 上下, w 整体, or "-").
// Disagreements between the sources go to standard error.

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const dir = process.argv[2] && resolve(process.argv[2]);
if (!dir) {
  console.error('usage: generate.mjs SOURCES_DIR > data/strokes.tsv');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const order = require(join(dir, 'cnchar-order/package/cnchar.order.min.js')).dict;
const trad = require(join(dir, 'cnchar-trad/package/cnchar.trad.min.js')).dict;
const radical = require(join(dir, 'cnchar-radical/package/cnchar.radical.min.js')).dict;

// cnchar names each stroke by a letter (its strokeTable). The five classes of
// 《现代汉语通用字笔顺规范》: 提 is 横, 竖钩 is 竖, 捺 and the left dot are 点, and every
// stroke that turns (钩 included, 竖钩 excepted) is 折.
const CLASS = { j: 1, i: 1, f: 2, g: 2, s: 3, k: 4, l: 4, d: 4 };
for (const [letter, stroke] of Object.entries(order.strokeTable)) {
  if (!(letter in CLASS)) {
    if (stroke.type !== '折笔') throw new Error(`stroke ${letter} (${stroke.name}) has no class`);
    CLASS[letter] = 5;
  }
}
const classes = (letters) =>
  [...letters].map((l) => {
    if (!(l in CLASS)) throw new Error(`unknown stroke letter ${l}`);
    return CLASS[l];
  }).join('');

// Structure: cnchar-radical lists, under each radical, characters with a letter for their
// structure (its struct table). 左右 and 左中右 are 左右; 上下, 上中下 and 品字 are 上下;
// 独体, 半包围 and 全包围 are 整体.
const STRUCT = { a: 'l', h: 'l', b: 't', g: 't', f: 't', c: 'w', d: 'w', e: 'w' };
const structure = new Map();
for (const [key, list] of Object.entries(radical.radical)) {
  if (key === '*') {
    // The radicals themselves: character, structure letter, stroke count.
    for (const [, ch, letter] of list.matchAll(/(\D)([a-h])\d+/gu)) structure.set(ch, STRUCT[letter]);
    continue;
  }
  const chars = [...list.replace(/^\d+:/, '')];
  for (let i = 0; i + 1 < chars.length; i += 2) structure.set(chars[i], STRUCT[chars[i + 1]] ?? '-');
}

// Unihan: the 8,105 characters and the G stroke counts.
const unihan = new Map();
const general = new Set();
for (const file of readdirSync(join(dir, 'unihan')).filter((f) => f.endsWith('.bz2'))) {
  const text = execFileSync('bzcat', [join(dir, 'unihan', file)], { maxBuffer: 1 << 30 }).toString();
  for (const line of text.split('\n')) {
    const [code, field, value] = line.split('\t');
    if (!code.startsWith('U+') || (field !== 'kTotalStrokes' && field !== 'kTGH')) continue;
    const ch = String.fromCodePoint(parseInt(code.slice(2), 16));
    if (field === 'kTotalStrokes') unihan.set(ch, Number(value.split(' ')[0]));
    else general.add(ch);
  }
}
if (general.size !== 8105) throw new Error(`kTGH lists ${general.size} characters, not 8105`);

// The second source: where a character is listed twice, the second (附碼表) is the mainland form.
const rime = new Map();
try {
  const text = readFileSync(join(dir, 'rime/stroke.dict.yaml'), 'utf8');
  const body = text.slice(text.indexOf('\n...\n') + 5);
  const R = { h: 1, s: 2, p: 3, n: 4, z: 5 };
  for (const line of body.split('\n')) {
    const [ch, code] = line.split('\t');
    if (ch && code && [...ch].length === 1) rime.set(ch, [...code].map((c) => R[c]).join(''));
  }
} catch {
  console.error('no rime/stroke.dict.yaml: the second source is not compared');
}

// Where cnchar and the second source disagree on a character of the 8,105, the sequence was
// checked by hand against the components' standard orders; these are the ones where cnchar is
// wrong (the rest of the 38 disagreements either favour cnchar or stay with it).
const CORRECTIONS = {
  邶: '2113552', // 北 丨一一丿乚, then 阝
  炽: '433425134', // 火, then 只 丨乛一丿丶
  媾: '5311122125211', // 女, then 冓, whose lower part is 再's 丨乛丨一一
  皙: '1234331232511', // 析 8, then 白 5: 13 strokes
  锺: '31115312511211', // 钅, then 重
  雌: '21213532411121', // 此 丨一丨一丿乚, then 隹
  德: '332122522114544', // 彳, 十, 罒, 一, 心
  黏: '31234342413421251', // 黍, whose 氺 is 丨丶一丿丶, then 占
  膝: '351112343424134', // 月, then 桼, whose 氺 is 丨丶一丿丶
  麒: '4135221153512211134', // 鹿, whose 比 is 一乚丿乚, then 其
  麟: '41352211535431234354152', // 鹿, then 粦
};

const rows = new Map(Object.entries(CORRECTIONS));
const add = (ch, letters) => {
  if (rows.has(ch) || [...ch].length !== 1) return;
  rows.set(ch, classes(letters));
};
for (const [ch, letters] of Object.entries(order.orders)) add(ch, letters);
// cnchar-trad writes 門 as 乛一一丨乛一一丨 wherever it appears (門 閉 關 間 闞 …), but 門 is
// 丨乛一一丨乛一一 in the mainland and in Taiwan's order alike (and 门 is 丶丨乛 in cnchar-order).
const MEN_WRONG = '51122511';
const MEN = '25112511';
for (const [ch, letters] of Object.entries(trad.order)) {
  if (rows.has(ch) || [...ch].length !== 1) continue;
  rows.set(ch, classes(letters).replaceAll(MEN_WRONG, MEN));
}

let countDiff = 0;
let rimeDiff = 0;
let rimeSame = 0;
for (const [ch, seq] of rows) {
  const n = unihan.get(ch);
  if (n !== undefined && n !== seq.length) {
    countDiff++;
    console.error(`count ${ch} U+${ch.codePointAt(0).toString(16).toUpperCase()}: cnchar ${seq.length}, Unihan ${n}`);
  }
  const r = rime.get(ch);
  if (r === undefined) continue;
  if (r === seq) rimeSame++;
  else {
    rimeDiff++;
    console.error(`sequence ${ch}: cnchar ${seq}, rime ${r}`);
  }
}
let missing = 0;
for (const ch of general) {
  if (rows.has(ch)) continue;
  missing++;
  rows.set(ch, null);
}

const out = [];
for (const ch of [...rows.keys()].sort((a, b) => a.codePointAt(0) - b.codePointAt(0))) {
  const seq = rows.get(ch);
  const count = seq ? seq.length : unihan.get(ch);
  if (!count) throw new Error(`no stroke count for ${ch}`);
  out.push([ch, count, seq ?? '-', structure.get(ch) ?? '-'].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
console.error(
  `${rows.size} characters; of the 8105, ${8105 - missing} with a sequence and ${missing} with the ` +
    `Unihan count only; counts differing from Unihan: ${countDiff}; sequences compared with ` +
    `rime: ${rimeSame} same, ${rimeDiff} different`,
);
