// The translation table is complete: every key the pages use has 简体中文 and English, every
// error code the server sends has a message, and no page writes interface text of its own.
// (The DOM side, that nothing untranslated shows, is checked on every step of the page tests.)

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

import { LANGUAGES, REQUIRED_LANGUAGES, table, translate } from '../../kiosk/shared/i18n.js';
import { ROOT } from './support/server.mjs';

const KIOSK = join(ROOT, 'kiosk');

function files(dir, extensions) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...files(path, extensions));
    else if (extensions.some((ext) => entry.name.endsWith(ext))) found.push(path);
  }
  return found;
}

const pageScripts = files(KIOSK, ['.js']).filter((f) => !f.includes(`${join('shared', 'strings')}`));
const pageHtml = files(KIOSK, ['.html']);
const namespaces = [...new Set(Object.keys(table).map((key) => key.split('.')[0]))];

/** Every key a page's source names: data-i18n attributes and key-shaped string literals. */
function keysUsed() {
  const used = new Map();
  const note = (key, file) => used.set(key, relative(ROOT, file));
  const literal = new RegExp(`['"\`]((?:${namespaces.join('|')})\\.[A-Za-z0-9_.-]+)['"\`]`, 'g');
  for (const file of pageHtml) {
    const html = readFileSync(file, 'utf8');
    for (const [, key] of html.matchAll(/data-i18n="([^"]+)"/g)) note(key, file);
    for (const [, spec] of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of spec.split(';')) note(pair.split(':')[1].trim(), file);
    }
  }
  for (const file of pageScripts) {
    const source = readFileSync(file, 'utf8');
    for (const [, key] of source.matchAll(literal)) {
      if (!key.endsWith('.')) note(key, file);
    }
  }
  return used;
}

test('every key the pages use has 简体中文 and English', () => {
  const missing = [];
  for (const [key, file] of keysUsed()) {
    if (!(key in table)) missing.push(`${key} (${file})`);
  }
  assert.deepEqual(missing, []);
});

test('every text of the table is there in 简体中文 and English, with the same parameters', () => {
  const problems = [];
  for (const [key, texts] of Object.entries(table)) {
    for (const language of REQUIRED_LANGUAGES) {
      if (typeof texts[language] !== 'string' || texts[language].trim() === '') problems.push(`${key}: no ${language}`);
    }
    for (const language of Object.keys(texts)) {
      if (!LANGUAGES.includes(language)) problems.push(`${key}: unknown language ${language}`);
    }
    const params = (text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const expected = params(texts['zh-CN']);
    for (const language of LANGUAGES) {
      if (texts[language] !== undefined && JSON.stringify(params(texts[language])) !== JSON.stringify(expected)) {
        problems.push(`${key}: ${language} has parameters ${params(texts[language])}, 简体中文 ${expected}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the names pages build from data have their translations', () => {
  const families = {
    style: ['general', 'female', 'plenary', 'other'],
    electorate: ['all', 'female', 'plenary'],
    gender: ['female', 'male'],
    role: ['organiser', 'desk', 'inspector'],
    roundKind: ['regular', 'tie_revote', 'additional'],
    contestKind: ['chair', 'vice_chair', 'committee', 'audit_committee', 'women_committee', 'standing_committee', 'other'],
    language: LANGUAGES,
    'kiosk.mark': ['for', 'against', 'abstain', 'none'],
  };
  const missing = Object.entries(families).flatMap(([family, members]) =>
    members.map((m) => `${family}.${m}`).filter((key) => !(key in table)),
  );
  assert.deepEqual(missing, []);
});

test('every error code the server sends has a translated message', () => {
  // The codes as src/server writes them: ApiError::new/conflict/… with a literal code.
  const codes = new Set(['not_found', 'not_signed_in', 'network', 'timeout', 'server', 'unknown']);
  const call = /(?:ApiError|Self)::(?:new|conflict|unprocessable|forbidden|bad_request)\(\s*(?:[A-Za-z_:]+,\s*)?"([a-z_]+)"/g;
  for (const file of files(join(ROOT, 'src', 'server'), ['.rs'])) {
    for (const [, code] of readFileSync(file, 'utf8').matchAll(call)) codes.add(code);
  }
  assert.ok(codes.has('card_spent') && codes.has('salt_reused'), 'the server’s codes were found');
  const missing = [...codes].filter((code) => !(`error.${code}` in table)).sort();
  assert.deepEqual(missing, [], 'add error.<code> to kiosk/shared/strings/common.js');
});

test('every problem the server finds in a roster file has a translation', () => {
  // The codes as src/election/roster.rs names them: #[serde(rename = "roster_…")] on RowProblem.
  const source = readFileSync(join(ROOT, 'src', 'election', 'roster.rs'), 'utf8');
  const codes = [...source.matchAll(/rename = "(roster_[a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length >= 12, `the codes were found: ${codes}`);
  const keys = [...codes.map((c) => `console.rosterProblem.${c}`), 'console.rosterProblem.roster_name_invalidCharacter'];
  const columns = ['delegate_no', 'name', 'gender', 'unit', 'voting_right'].map((c) => `console.rosterColumn.${c}`);
  assert.deepEqual([...keys, ...columns].filter((key) => !(key in table)), []);
});

test('every finding of the setup check has a translation', () => {
  // The codes as src/server/congress.rs pushes them, src/election/setup.rs's SetupError::code
  // gives them and its warnings carry them.
  const congress = readFileSync(join(ROOT, 'src', 'server', 'congress.rs'), 'utf8');
  const setup = readFileSync(join(ROOT, 'src', 'election', 'setup.rs'), 'utf8');
  const codes = [
    ...[...congress.matchAll(/push\(\s*(?:Problem|Warning),\s*"([a-z_]+)"/g)].map((m) => m[1]),
    ...[...setup.matchAll(/=> "(setup_[a-z_]+)"/g)].map((m) => m[1]),
    ...[...setup.matchAll(/code: "([a-z_]+)"/g)].map((m) => m[1]),
  ];
  assert.ok(codes.length >= 26 && codes.includes('committee_size'), `the codes were found: ${codes}`);
  const rules = [...setup.matchAll(/MarginRule::\w+ => "([a-z_]+)"/g)].map((m) => `console.finding.rule.${m[1]}`);
  assert.equal(rules.length, 3);
  assert.deepEqual([...codes.map((c) => `console.finding.${c}`), ...rules].filter((key) => !(key in table)), []);
});

test('every warning a signed tally carries has a translation', () => {
  // The codes as src/election/setup.rs and tally.rs give a Warning: the console says them from
  // the code, since the record's English sentence is signed and stays as it is.
  const codes = ['setup.rs', 'tally.rs'].flatMap((file) =>
    [...readFileSync(join(ROOT, 'src', 'election', file), 'utf8').matchAll(/code: "([a-z_]+)"/g)].map((m) => m[1]),
  );
  assert.deepEqual(codes.sort(), ['committee_size', 'write_in_elected']);
  assert.deepEqual(codes.map((c) => `console.tallyWarning.${c}`).filter((key) => !(key in table)), []);
});

test('every reason the server gives for a weak password has a translation', () => {
  // The codes as src/server/auth.rs writes them: check_password's details and the arms of
  // warning_code and suggestion_code.
  const source = readFileSync(join(ROOT, 'src', 'server', 'auth.rs'), 'utf8');
  const body = (name) => source.slice(source.indexOf(`fn ${name}(`), source.indexOf('\n}\n', source.indexOf(`fn ${name}(`)));
  const codes = (text) => [...text.matchAll(/=>\s*\{?\s*"([a-z_]+)"/g)].map((m) => m[1]);
  const warnings = ['too_short', ...codes(body('warning_code'))];
  const suggestions = ['add_another_word', ...codes(body('suggestion_code'))];
  assert.ok(warnings.length >= 12 && suggestions.length >= 11, `the codes were found: ${warnings} / ${suggestions}`);
  const missing = [
    ...warnings.map((c) => `password.warning.${c}`),
    ...suggestions.map((c) => `password.suggestion.${c}`),
  ].filter((key) => !(key in table));
  assert.deepEqual(missing, []);
});

test('the text written in the HTML is the 简体中文 of its key', () => {
  const drift = [];
  for (const file of pageHtml) {
    const html = readFileSync(file, 'utf8');
    for (const [, key, text] of html.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]+)</g)) {
      if (text.trim() && key in table && text.trim() !== translate('zh-CN', key)) {
        drift.push(`${relative(ROOT, file)}: ${key} says "${text.trim()}", the table "${translate('zh-CN', key)}"`);
      }
    }
  }
  assert.deepEqual(drift, []);
});

/**
 * The scripts that put text on a page: the pages' own, and every module that builds the DOM or
 * translates. Pure libraries (such as a verifier) may hold bilingual diagnostics: a page that
 * shows them is held to the DOM check of the page tests.
 */
function renderingScripts() {
  return pageScripts.filter(
    (file) => join(file, '..') === KIOSK || /from '[./]+(?:[\w/]*\/)?(?:i18n|dom|toolbar)\.js'/.test(readFileSync(file, 'utf8')),
  );
}

test('page scripts write no interface text of their own', () => {
  const strays = [];
  const scripts = renderingScripts();
  assert.ok(scripts.some((f) => f.endsWith('kiosk.js')) && scripts.some((f) => f.endsWith('toolbar.js')));
  for (const file of scripts) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    for (const [line] of code.matchAll(/.*[\u3400-\u9fff\uff00-\uffef].*/g)) {
      strays.push(`${relative(ROOT, file)}: ${line.trim()}`);
    }
  }
  assert.deepEqual(strays, [], 'Chinese text belongs in kiosk/shared/strings/');
});

test('everything the verifier says of a check or a failure has its translation', async () => {
  // The keys as shared/verifier/*.js name them: say('…') and refuse(…, '…') under verifier.
  const dir = join(KIOSK, 'shared', 'verifier');
  const keys = new Set();
  for (const file of files(dir, ['.js'])) {
    const source = readFileSync(file, 'utf8');
    for (const [, key] of source.matchAll(/\bsay\('([a-zA-Z_.]+)'/g)) keys.add(`verifier.${key}`);
    const refusals = { 'progress.js': ['rules.', 'rules.reduce.'], 'tally.js': ['count.'], 'verify.js': ['problem.manifest_contents.'] };
    for (const [, key] of source.matchAll(/\brefuse\(\s*(?:`[^`]*`|'[^']*'),\s*(?:\w+ \? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g)) {
      for (const prefix of refusals[file.split('/').pop()] ?? []) if (`verifier.${prefix}${key}` in table) keys.add(`verifier.${prefix}${key}`);
    }
  }
  assert.ok(keys.size >= 100, `${keys.size} keys were found`);
  const { KEY_PROBLEMS } = await import('../../kiosk/shared/verifier/ed25519.js');
  const { CONTEXTS } = await import('../../kiosk/shared/verifier/verify.js');
  const families = {
    'verifier.status': ['complete', 'shortfall', 'tie', 'void', 'no_quorum'],
    'verifier.sitting': ['congress', 'plenary', 'audit_plenary', 'women_plenary'],
    'verifier.body': ['plenary', 'audit_plenary', 'women_plenary'],
    'verifier.keyProblem': Object.keys(KEY_PROBLEMS),
    'verifier.name': ['name_control', 'name_bidi', 'name_line_break', 'name_empty', 'name_too_long'],
    'verifier.document': Object.keys(CONTEXTS).filter((c) => c !== 'manifest' && c !== 'card' && c !== 'countersignature'),
    'verifier.method': ['surname_strokes', 'name_strokes'],
    'verifier.mark': ['for', 'against', 'abstain'],
    'verifier.field': ['round', 'seats', 'filled_earlier', 'entitled', 'candidates', 'styles'],
    electorate: ['all', 'female', 'plenary', 'audit_plenary', 'women_plenary'],
    'verifier.rules.reduce': ['consent', 'not_short', 'not_voted', 'seats', 'nobody', 'size', 'size_table'],
    'verifier.problem.recount': ['contest_left_out', 'contest_extra', 'person_left_out', 'person_extra', 'person', 'for', 'against', 'abstain', 'elected'],
  };
  for (const [family, members] of Object.entries(families)) for (const m of members) keys.add(`${family}.${m}`);
  assert.deepEqual([...keys].filter((key) => !(key in table)), []);
});
