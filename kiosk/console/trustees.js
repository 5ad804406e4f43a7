// The trustees of sealed ballots (docs/sealed-ballots.md §5): which of the chief scrutineer and
// scrutineers (not the tellers) hold a share of the key, each bound to the inspector account that
// runs the key ceremony on the inspector page, and the threshold — how many of them together open
// the count. Below, the ceremony's progress, refreshed while shown, and restarting it for when a
// trustee cannot finish.

import { ApiError, api } from '../shared/api.js';
import { byId, h, isBusy, secondsParam, setBusy, showMessage } from '../shared/dom.js';
import { setText } from '../shared/i18n.js';
import { ceremonyProgress, stageText } from '../shared/ceremony-view.js';
import { clearError, confirmAction, congressPath, dataCell, hashFigure, isFrozen, report, reportError, showProblem, state, table, updatedAt, visible } from './common.js';
import { loadRoster } from './roster.js';
import { storedScrutineers } from './scrutineers.js';
import { keyFingerprint } from './sha256.js';

const pollMs = secondsParam('poll', 5) * 1000;
/** The scrutineers' roles a trustee may have. */
const ELIGIBLE = ['chief', 'scrutineer'];

/** The chief scrutineer and scrutineers: [{ number, name, role }]. */
let eligible = [];
/** The inspector accounts that may serve this congress: [{ name }]. */
let inspectors = [];
/** The trustees being edited, in their order (which numbers them): [{ scrutineer, account }]. */
let chosen = [];
/** Whether the organiser typed a threshold (else it follows the majority of those chosen). */
let thresholdTyped = false;
/** The last CeremonyView. */
let ceremony = null;
let pollTimer = null;

function init() {
  byId('trustee-form').addEventListener('submit', save);
  byId('trustee-threshold').addEventListener('input', () => {
    thresholdTyped = true;
    renderHint();
  });
  byId('trustee-restart').addEventListener('click', restart);
}

function reset() {
  stopPolling();
  eligible = [];
  inspectors = [];
  chosen = [];
  ceremony = null;
  thresholdTyped = false;
  byId('trustee-threshold').value = '';
  for (const id of ['trustee-error', 'trustee-restart-error']) clearError(byId(id));
  report(byId('trustee-status'), null);
  report(byId('trustee-restart-status'), null);
  for (const id of ['trustee-table', 'trustee-ceremony', 'trustee-joint-key']) byId(id).replaceChildren();
  byId('trustee-ceremony-panel').hidden = true;
}

function leave() {
  stopPolling();
}

async function load() {
  clearError(byId('trustee-error'));
  let saved;
  try {
    const [people, scrutineers, accounts, trustees] = await Promise.all([
      loadRoster({ force: true }),
      storedScrutineers(),
      api.get('/users'),
      api.get(congressPath('/trustees')),
    ]);
    const name = (number) => people.find((d) => d.number === number)?.name ?? number;
    eligible = scrutineers.filter((s) => ELIGIBLE.includes(s.role)).map((s) => ({ ...s, name: name(s.number) }));
    inspectors = accounts.filter(
      (a) => a.role === 'inspector' && !a.disabled && (a.congresses.length === 0 || a.congresses.includes(state.congress.id)),
    );
    saved = trustees;
  } catch (error) {
    reportError(byId('trustee-error'), error, 'trustees');
    return;
  }
  takeSaved(saved);
  renderTable();
  await refreshCeremony();
}

/** Takes the trustees as the server holds them into the form. */
function takeSaved(saved) {
  chosen = saved.trustees.map((t) => ({ scrutineer: t.scrutineer, account: t.account }));
  // A trustee who is no longer a scrutineer (the list changed since) still shows, to be removed.
  for (const t of saved.trustees) {
    if (!eligible.some((s) => s.number === t.scrutineer)) eligible.push({ number: t.scrutineer, name: t.name, role: null });
  }
  const threshold = saved.threshold ?? majority(chosen.length);
  thresholdTyped = saved.threshold !== null && saved.threshold !== majority(chosen.length);
  byId('trustee-threshold').value = chosen.length ? String(threshold) : '';
}

/** ⌊n/2⌋ + 1, the default threshold. */
function majority(n) {
  return Math.floor(n / 2) + 1;
}

// ---- The form ----

function renderTable({ focus } = {}) {
  const editable = !isFrozen();
  const container = byId('trustee-table');
  if (eligible.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'console.trustees.noScrutineers' }));
    renderHint();
    return;
  }
  // The chosen first, in their order, then the other scrutineers in the list's order.
  const ordered = [
    ...chosen.map((c) => eligible.find((s) => s.number === c.scrutineer)).filter(Boolean),
    ...eligible.filter((s) => !chosen.some((c) => c.scrutineer === s.number)),
  ];
  const shown = editable ? ordered : ordered.filter((s) => chosen.some((c) => c.scrutineer === s.number));
  if (shown.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'console.trustees.none' }));
    renderHint();
    return;
  }
  const columns = ['console.trustees.column.trustee', 'console.roster.column.number', 'console.roster.column.name', 'console.scrutineers.role', 'console.trustees.column.account'];
  const rows = shown.map((person) => {
    const index = chosen.findIndex((c) => c.scrutineer === person.number);
    const entry = chosen[index];
    const who = { name: person.name, number: person.number };
    const pick = editable
      ? h(
          'td',
          {},
          h('input', {
            id: `trustee-pick-${person.number}`,
            attrs: { type: 'checkbox', checked: Boolean(entry) },
            i18nAttrs: { 'aria-label': ['console.trustees.pickLabel', who] },
            on: { change: (event) => toggle(person, event.currentTarget.checked) },
          }),
          entry ? h('span', { class: 'trustee-number', data: index + 1 }) : null,
        )
      : dataCell(index + 1, { numeric: true });
    const account = !entry
      ? h('td', {})
      : editable
        ? h(
            'td',
            {},
            h(
              'select',
              {
                id: `trustee-account-${person.number}`,
                i18nAttrs: { 'aria-label': ['console.trustees.accountLabel', who] },
                on: { change: (event) => (entry.account = event.currentTarget.value) },
              },
              h('option', { attrs: { value: '' }, text: 'console.trustees.chooseAccount' }),
              ...inspectors.map((a) => h('option', { attrs: { value: a.name, selected: a.name === entry.account }, data: a.name })),
              // A bound account that is gone (disabled, say) still shows as chosen.
              entry.account && !inspectors.some((a) => a.name === entry.account)
                ? h('option', { attrs: { value: entry.account, selected: true }, data: entry.account })
                : null,
            ),
          )
        : dataCell(entry.account);
    return h(
      'tr',
      { attrs: { 'data-number': person.number, 'data-trustee': entry ? index + 1 : null } },
      pick,
      dataCell(person.number, { attrs: { class: 'code' } }),
      h('th', { attrs: { scope: 'row', lang: 'zh-CN' } }, h('span', { data: person.name })),
      person.role ? h('td', { text: `console.scrutineers.role.${person.role}` }) : h('td', { text: 'console.trustees.notScrutineer' }),
      account,
    );
  });
  container.replaceChildren(
    table({ caption: ['console.trustees.caption', { count: chosen.length }], columns, rows, attrs: { 'data-table': 'trustees' } }),
  );
  renderHint();
  if (focus) document.getElementById(focus)?.focus();
}

function toggle(person, on) {
  const index = chosen.findIndex((c) => c.scrutineer === person.number);
  if (on && index < 0) chosen.push({ scrutineer: person.number, account: '' });
  if (!on && index >= 0) chosen.splice(index, 1);
  if (!thresholdTyped) byId('trustee-threshold').value = chosen.length ? String(majority(chosen.length)) : '';
  renderTable({ focus: `trustee-pick-${person.number}` });
}

/** The threshold typed, as an integer, or null. */
function threshold() {
  const text = byId('trustee-threshold').value.trim();
  return /^[0-9]+$/.test(text) ? Number(text) : null;
}

/** What the threshold means, in one sentence, for the trustees chosen. */
function renderHint() {
  const hint = byId('trustee-threshold-hint');
  const n = chosen.length;
  const t = threshold();
  if (n === 0) setText(hint, 'console.trustees.thresholdNone');
  else if (t === null || t < 1 || t > n) setText(hint, 'console.trustees.thresholdRange', { n });
  else setText(hint, 'console.trustees.thresholdHint', { t, n, lost: n - t });
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form) || isFrozen()) return;
  const errorBox = byId('trustee-error');
  clearError(errorBox);
  report(byId('trustee-status'), null);
  const unbound = chosen.find((c) => !c.account);
  if (unbound) {
    const person = eligible.find((s) => s.number === unbound.scrutineer);
    showProblem(errorBox, 'console.trustees.noAccount', { name: person?.name ?? unbound.scrutineer, number: unbound.scrutineer });
    document.getElementById(`trustee-account-${unbound.scrutineer}`)?.focus();
    return;
  }
  const t = threshold();
  if (chosen.length > 0 && (t === null || t < 1 || t > chosen.length)) {
    showProblem(errorBox, 'console.trustees.thresholdRange', { n: chosen.length });
    byId('trustee-threshold').focus();
    return;
  }
  // Saving clears the ceremony: ask first when it has begun.
  if (ceremony && ceremony.commitments.length > 0) {
    const sure = await confirmAction({
      title: 'console.trustees.confirmSaveTitle',
      body: 'console.trustees.confirmSaveBody',
      confirm: 'console.trustees.confirmSave',
      danger: true,
    });
    if (!sure) return;
  }
  const body = { trustees: chosen.map((c) => ({ scrutineer: c.scrutineer, account: c.account })) };
  if (chosen.length > 0) body.threshold = t;
  setBusy(form, true);
  let saved;
  try {
    saved = await api.put(congressPath('/trustees'), body);
  } catch (error) {
    reportError(errorBox, error, 'trustees');
    return;
  } finally {
    setBusy(form, false);
  }
  takeSaved(saved);
  renderTable();
  report(
    byId('trustee-status'),
    saved.trustees.length ? 'console.trustees.saved' : 'console.trustees.savedNone',
    { count: saved.trustees.length, threshold: saved.threshold ?? 0 },
  );
  await refreshCeremony();
}

// ---- The ceremony ----

async function refreshCeremony() {
  stopPolling();
  const asked = state.congress?.id;
  try {
    ceremony = await api.get(congressPath('/ceremony'));
    clearError(byId('trustee-restart-error'));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') {
      byId('trustee-ceremony-panel').hidden = true;
      return;
    }
    if (reportError(byId('trustee-restart-error'), error, 'ceremony')) return;
  }
  if (state.congress?.id !== asked) return;
  renderCeremony();
  schedulePoll();
}

function renderCeremony() {
  const panel = byId('trustee-ceremony-panel');
  if (!ceremony || ceremony.stage === 'none') {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const stage = stageText(ceremony);
  showMessage(byId('trustee-ceremony-stage'), stage.key, stage.params, stage.kind);
  byId('trustee-ceremony').replaceChildren(...ceremonyProgress(ceremony));
  byId('trustee-joint-key').replaceChildren(
    ...(ceremony.joint_key ? [hashFigure('ceremony.fingerprint', keyFingerprint(ceremony.joint_key), { 'data-figure': 'joint-key-fingerprint' })] : []),
  );
  updatedAt(byId('trustee-ceremony-updated'), Date.now());
  byId('trustee-restart').hidden = isFrozen();
}

function schedulePoll() {
  stopPolling();
  if (isFrozen()) return;
  pollTimer = setTimeout(() => {
    if (!visible('view-trustees')) return;
    refreshCeremony();
  }, pollMs);
}

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

async function restart() {
  const button = byId('trustee-restart');
  if (button.getAttribute('aria-disabled') === 'true' || isFrozen()) return;
  clearError(byId('trustee-restart-error'));
  report(byId('trustee-restart-status'), null);
  const sure = await confirmAction({
    title: 'console.trustees.restartTitle',
    body: ['console.trustees.restartBody', { name: state.congress.name }],
    confirm: 'console.trustees.restartConfirm',
    danger: true,
  });
  if (!sure) return;
  button.setAttribute('aria-disabled', 'true');
  try {
    ceremony = await api.post(congressPath('/ceremony/restart'));
  } catch (error) {
    reportError(byId('trustee-restart-error'), error, 'ceremony');
    return;
  } finally {
    button.removeAttribute('aria-disabled');
  }
  renderCeremony();
  report(byId('trustee-restart-status'), 'console.trustees.restarted');
  schedulePoll();
}

export default { name: 'trustees', view: 'view-trustees', init, reset, load, leave };
