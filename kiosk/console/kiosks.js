// Kiosks: a one-time pairing code to type at a new kiosk (shown large, with when it stops
// working), and the enrolled kiosks, each of which can be disabled at once and enabled again.

import { api, segment } from '../shared/api.js';
import { byId, h, isBusy, setBusy } from '../shared/dom.js';
import { formatTime, language, onLanguageChange } from '../shared/i18n.js';
import { readName } from '../shared/names.js';
import { clearError, congressPath, dataCell, formatDateTime, report, reportError, showProblem, table, textCell } from './common.js';

let pairing = null;

function init() {
  byId('pairing-form').addEventListener('submit', pair);
  byId('kiosks-refresh').addEventListener('click', () => load({ announce: true }));
  onLanguageChange(() => {
    if (pairing) renderPairing();
  });
}

function reset() {
  pairing = null;
  byId('pairing-form').reset();
  byId('pairing-result').hidden = true;
  byId('pairing-result').replaceChildren();
  clearError(byId('pairing-error'));
  clearError(byId('kiosks-error'));
  report(byId('kiosks-status'), null);
  byId('kiosk-list').replaceChildren();
}

async function load({ announce = false } = {}) {
  const errorBox = byId('kiosks-error');
  clearError(errorBox);
  let kiosks;
  try {
    kiosks = await api.get(congressPath('/kiosks'));
  } catch (error) {
    reportError(errorBox, error, 'kiosks');
    return;
  }
  renderList(kiosks);
  if (announce) report(byId('kiosks-status'), 'console.kiosks.refreshed', { count: kiosks.length }, 'info');
}

function renderList(kiosks) {
  const container = byId('kiosk-list');
  if (kiosks.length === 0) {
    container.replaceChildren(h('p', { class: 'hint', text: 'console.kiosks.none' }));
    return;
  }
  const rows = kiosks.map((kiosk) => {
    const who = { name: kiosk.name };
    return h(
      'tr',
      { attrs: { 'data-kiosk': kiosk.id, 'data-enabled': String(kiosk.enabled) } },
      dataCell(kiosk.name, { header: true, lang: 'zh-CN' }),
      dataCell(formatDateTime(kiosk.paired_at, language())),
      textCell(kiosk.enabled ? 'console.kiosks.enabled' : 'console.kiosks.disabled', undefined, {
        attrs: { class: kiosk.enabled ? 'state-good' : 'state-bad' },
      }),
      h(
        'td',
        {},
        h('button', {
          class: kiosk.enabled ? 'button small danger' : 'button small',
          attrs: { type: 'button', 'data-action': `${kiosk.enabled ? 'disable' : 'enable'}:${kiosk.id}` },
          text: kiosk.enabled ? 'console.kiosks.disable' : 'console.kiosks.enable',
          i18nAttrs: { 'aria-label': [kiosk.enabled ? 'console.kiosks.disableLabel' : 'console.kiosks.enableLabel', who] },
          on: { click: () => change(kiosk, !kiosk.enabled) },
        }),
      ),
    );
  });
  container.replaceChildren(
    table({
      caption: ['console.kiosks.caption', { count: kiosks.length }],
      columns: ['name', 'paired', 'state', 'actions'].map((c) => `console.kiosks.column.${c}`),
      rows,
      attrs: { 'data-table': 'kiosks' },
    }),
  );
}

async function change(kiosk, enabled) {
  const errorBox = byId('kiosks-error');
  clearError(errorBox);
  try {
    await api.put(congressPath(`/kiosks/${segment(kiosk.id)}`), { enabled });
  } catch (error) {
    reportError(errorBox, error, 'kiosks');
    return;
  }
  // The list first, so that when the message says so, the row says so too.
  await load();
  report(byId('kiosks-status'), enabled ? 'console.kiosks.enabledNow' : 'console.kiosks.disabledNow', { name: kiosk.name });
  // The row's button changed its meaning: keep the keyboard on it.
  document.querySelector(`#kiosk-list tr[data-kiosk="${CSS.escape(kiosk.id)}"] button`)?.focus();
}

async function pair(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const errorBox = byId('pairing-error');
  const input = byId('kiosk-name');
  clearError(errorBox);
  input.removeAttribute('aria-invalid');
  // Read as the server reads names (shared/names.js).
  const read = readName(input.value);
  if (read.error) {
    input.setAttribute('aria-invalid', 'true');
    showProblem(errorBox, read.error === 'name_empty' ? 'console.kiosks.noName' : `error.${read.error}`);
    input.focus();
    return;
  }
  const { name } = read;
  setBusy(form, true);
  try {
    pairing = { ...(await api.post(congressPath('/kiosk-pairings'), { name })), name };
  } catch (error) {
    if (reportError(errorBox, error, 'pairing')) return;
    if (error.code.startsWith('name_')) input.setAttribute('aria-invalid', 'true');
    return;
  } finally {
    setBusy(form, false);
  }
  form.reset();
  renderPairing();
  byId('pairing-result').focus();
}

function renderPairing() {
  const result = byId('pairing-result');
  result.setAttribute('tabindex', '-1');
  result.replaceChildren(
    h('p', { class: 'pairing-for', text: ['console.kiosks.codeFor', { name: pairing.name }] }),
    h('p', { class: 'pairing-code', data: pairing.code, attrs: { lang: 'en', 'data-pairing-code': '' } }),
    h('p', { class: 'lead', text: ['console.kiosks.expires', { time: formatTime(pairing.expires_at) }] }),
    h('p', { class: 'hint', text: 'console.kiosks.afterPairing' }),
  );
  result.hidden = false;
}

export default { name: 'kiosks', view: 'view-kiosks', init, reset, load };
