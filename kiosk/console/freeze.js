// Validation and freezing: every problem and warning the server finds, then the freeze itself,
// after which the manifest hash and the election key's fingerprint are shown large, for the
// minutes (and the joint key's, for a congress of sealed ballots). Every ballot is sealed under
// the trustees' joint key, so until trustees are named and their key ceremony is complete the
// freeze waits for them, and says so from the start.

import { ApiError, api } from '../shared/api.js';
import { byId, h } from '../shared/dom.js';
import { hasKey } from '../shared/i18n.js';
import { clearError, confirmAction, congressPath, hashFigure, isFrozen, reportError, state } from './common.js';
import { frozenFigures } from './congress.js';
import { keyFingerprint } from './sha256.js';

let refreshCongress = async () => {};
let openSection = async () => {};
let busy = false;
/** The key ceremony as last read: whether the setup, sound by the rules, can be frozen yet. */
let ceremonyNow = null;

function init(context) {
  refreshCongress = context.refreshCongress;
  openSection = context.openSection;
  byId('validate').addEventListener('click', () => load({ announce: true }));
  byId('freeze').addEventListener('click', freeze);
}

function reset() {
  byId('validation').replaceChildren();
  byId('freeze-ceremony').replaceChildren();
  clearError(byId('freeze-error'));
}

/** The ceremony and the setup's check, read again; `announce` moves the focus to the check. */
async function load({ announce = false } = {}) {
  ceremonyNow = await readCeremony();
  render(undefined, ceremonyNow);
  if (!isFrozen()) await validate({ announce });
}

/** The key ceremony as the server has it, or null (no sealed ballots on this server). */
async function readCeremony() {
  try {
    return await api.get(congressPath('/ceremony'));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return null;
    reportError(byId('freeze-error'), error, 'ceremony');
    return null;
  }
}

function render(receipt, ceremony) {
  const frozen = isFrozen();
  byId('freeze-before').hidden = frozen;
  byId('freeze-after').hidden = !frozen;
  if (frozen) {
    const figures = frozenFigures(receipt);
    if (ceremony?.joint_key) {
      figures.push(hashFigure('console.freeze.jointKey', keyFingerprint(ceremony.joint_key), { 'data-figure': 'joint-key-fingerprint' }));
    }
    byId('freeze-hashes').replaceChildren(...figures);
  }
  byId('freeze-ceremony').replaceChildren(...(frozen ? [] : ceremonyNote(ceremony)));
}

function ceremonyNote(ceremony) {
  if (!ceremony) return [];
  if (ceremony.stage === 'complete') {
    return [h('p', { class: 'message', attrs: { 'data-kind': 'success', 'data-ceremony': 'complete' }, text: 'console.freeze.ceremonyComplete' })];
  }
  const params = new URLSearchParams(location.search);
  params.set('section', 'trustees');
  const none = ceremony.stage === 'none';
  const link = h('a', { attrs: { href: `?${params}`, 'data-fix': 'trustees' }, text: none ? 'console.freeze.toTrustees' : 'console.freeze.toCeremony' });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openSection('trustees');
  });
  const said = none
    ? 'console.freeze.noTrustees'
    : ['console.freeze.waitsForCeremony', { stage: { key: `ceremony.stage.${ceremony.stage}`, params: { trustees: ceremony.trustees, threshold: ceremony.threshold } } }];
  return [
    h(
      'p',
      { class: 'message', attrs: { 'data-kind': 'warning', 'data-ceremony': none ? 'none' : 'waiting' } },
      h('span', { text: said }),
      ' ',
      link,
    ),
  ];
}

/** The server's check of the whole setup, each finding in the reader's language. */
async function validate({ announce = true } = {}) {
  const container = byId('validation');
  let result;
  try {
    result = await api.get(congressPath('/validation'));
  } catch (error) {
    const box = h('div', { class: 'form-error', attrs: { role: 'alert' } });
    container.replaceChildren(box);
    reportError(box, error, 'validation');
    return null;
  }
  container.replaceChildren(...validationParts(result));
  if (announce) container.querySelector('h2')?.focus();
  return result;
}

function validationParts(result) {
  const findings = result.findings ?? [];
  const problems = findings.filter((f) => f.severity === 'problem');
  const warnings = findings.filter((f) => f.severity === 'warning');
  // Sound by the rules, the setup still waits for its trustees' key ceremony (said below).
  const waiting = result.ready && ceremonyNow && ceremonyNow.stage !== 'complete';
  const [kind, said] = !result.ready
    ? ['error', ['console.freeze.notReady', { count: result.problems.length }]]
    : waiting
      ? ['warning', 'console.freeze.readyButCeremony']
      : ['success', 'console.freeze.ready'];
  const parts = [
    h('h2', { attrs: { tabindex: '-1' }, text: 'console.freeze.result' }),
    h('p', { class: 'message', attrs: { 'data-kind': kind, 'data-ready': String(result.ready) }, text: said }),
  ];
  if (problems.length > 0) {
    parts.push(h('h3', { text: ['console.freeze.problems', { count: problems.length }] }), findingList(problems, 'problems'));
  }
  if (warnings.length > 0) {
    parts.push(h('h3', { text: ['console.freeze.warnings', { count: warnings.length }] }), findingList(warnings, 'warnings'));
  }
  if (findings.some((f) => !hasKey(`console.finding.${f.code}`))) {
    parts.push(h('p', { class: 'hint', text: 'console.freeze.english' }));
  }
  return parts;
}

/** Findings as a list: each said from its code and parameters, with a link to where it is fixed. */
function findingList(findings, kind) {
  return h('ul', { class: `finding-list ${kind}`, attrs: { 'data-findings': kind } }, ...findings.map(findingItem));
}

/** Sections of the console by the names the server gives them. */
const SECTIONS = { congress: 'overview', roster: 'roster', contests: 'contests', scrutineers: 'scrutineers', trustees: 'trustees' };

function findingItem(finding) {
  const key = `console.finding.${finding.code}`;
  const item = h('li', { attrs: { 'data-code': finding.code } });
  if (hasKey(key)) item.append(h('span', { text: [key, findingParams(finding.params ?? {})] }));
  else item.append(h('span', { data: finding.message, attrs: { lang: 'en' } }));
  const section = SECTIONS[finding.section];
  if (section) {
    const params = new URLSearchParams(location.search);
    params.set('section', section);
    const link = h('a', {
      attrs: { href: `?${params}`, 'data-fix': section },
      text: ['console.finding.fix', { section: { key: `console.nav.${section}` } }],
    });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      openSection(section);
    });
    item.append(' ', link);
  }
  return item;
}

/**
 * A finding's parameters as its text takes them: a contest by title, a person by name and
 * number, a code (a name's problem, a contest kind, an electorate, a margin rule) by its
 * translation, several persons as a list.
 */
function findingParams(raw) {
  const params = { ...raw };
  params.contest_title = raw.contest_title ?? raw.contest ?? '';
  if ('audit' in raw) params.audit_title = raw.audit_title ?? raw.audit;
  if ('number' in raw) params.person = person({ number: raw.number, name: raw.name });
  if (raw.problem) params.problem = { key: `error.${raw.problem}` };
  if (raw.kind) params.kind = { key: `contestKind.${raw.kind}` };
  if (raw.body) params.body = { key: `contestKind.${raw.body}` };
  if (raw.electorate) params.electorate = { key: `electorate.${raw.electorate}` };
  if (raw.rule) params.rule = { key: `console.finding.rule.${raw.rule}` };
  if (Array.isArray(raw.persons)) params.persons = personList(raw.persons);
  return params;
}

function person({ number, name }) {
  return name ? { key: 'console.finding.person', params: { name, number } } : String(number);
}

function personList(persons) {
  if (persons.length === 0) return '';
  if (persons.length === 1) return person(persons[0]);
  return { key: 'console.finding.list', params: { first: person(persons[0]), rest: personList(persons.slice(1)) } };
}

async function freeze() {
  if (busy) return;
  const errorBox = byId('freeze-error');
  clearError(errorBox);
  const sure = await confirmAction({
    title: 'console.freeze.confirmTitle',
    body: ['console.freeze.confirmBody', { name: state.congress.name }],
    confirm: 'console.freeze.confirm',
    danger: true,
  });
  if (!sure) return;
  busy = true;
  byId('freeze').setAttribute('aria-disabled', 'true');
  let receipt;
  try {
    receipt = await api.post(congressPath('/freeze'));
  } catch (error) {
    if (reportError(errorBox, error, 'freeze')) return;
    if (error.code === 'not_ready' && Array.isArray(error.details)) {
      errorBox.append(findingList(error.details.filter((f) => f && typeof f === 'object'), 'problems'));
    }
    return;
  } finally {
    busy = false;
    byId('freeze').removeAttribute('aria-disabled');
  }
  await refreshCongress();
  render(receipt, await readCeremony());
  byId('freeze-minutes-heading').setAttribute('tabindex', '-1');
  byId('freeze-minutes-heading').focus();
}

export default { name: 'freeze', view: 'view-freeze', init, reset, load };
