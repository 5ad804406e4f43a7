// Accounts (账号管理), for organisers: every account with its role, the congresses it is limited
// to, whether it is disabled and when it last signed in; a form to make a desk, inspector or
// organiser account (a desk or inspector account may be limited to some congresses); and, for
// each account, disabling or enabling it and setting a new password. Not a section of one
// congress: accounts serve the whole server.

import { api, segment } from '../shared/api.js';
import { byId, h, isBusy, setBusy } from '../shared/dom.js';
import { language, onLanguageChange, setText } from '../shared/i18n.js';
import { readName } from '../shared/names.js';
import { passwordMismatch, showAccountError } from '../shared/password.js';
import { clearError, confirmAction, dataCell, formatDateTime, report, reportError, showProblem, state, table, textCell } from './common.js';

let accounts = [];
let congresses = [];
/** The account whose password is being set. */
let resetting = null;

function init() {
  byId('account-form').addEventListener('submit', createAccount);
  byId('account-role').addEventListener('change', showScope);
  byId('password-form').addEventListener('submit', setPassword);
  byId('password-cancel').addEventListener('click', () => closePasswordForm({ focusRow: true }));
  onLanguageChange(() => {
    if (accounts.length) renderTable();
  });
}

function reset() {
  accounts = [];
  congresses = [];
  byId('account-form').reset();
  clearError(byId('account-form-error'));
  clearError(byId('accounts-error'));
  report(byId('accounts-status'), null);
  closePasswordForm({ focusRow: false });
  byId('accounts-table').replaceChildren();
  byId('account-congresses').replaceChildren();
}

async function load() {
  const errorBox = byId('accounts-error');
  clearError(errorBox);
  try {
    [accounts, congresses] = await Promise.all([api.get('/users'), api.get('/congresses')]);
  } catch (error) {
    reportError(errorBox, error, 'accounts');
    return;
  }
  renderTable();
  renderCongressChoice();
  showScope();
}

function congressName(id) {
  return congresses.find((c) => c.id === id)?.name ?? id;
}

function renderTable() {
  const columns = ['name', 'role', 'congresses', 'state', 'lastSignIn', 'actions'].map((c) => `console.accounts.column.${c}`);
  const rows = accounts.map((account) => {
    const who = { name: account.name };
    const own = account.id === state.user?.id;
    const scope = account.congresses.length
      ? dataCell(account.congresses.map(congressName).join('、'), { lang: 'zh-CN' })
      : textCell(account.role === 'organiser' ? 'console.accounts.everyCongressOrganiser' : 'console.accounts.everyCongress');
    return h(
      'tr',
      { attrs: { 'data-account': account.name, 'data-disabled': String(account.disabled) } },
      dataCell(account.name, { header: true, lang: 'zh-CN' }),
      textCell(`role.${account.role}`),
      scope,
      textCell(account.disabled ? 'console.accounts.disabled' : 'console.accounts.enabled', undefined, {
        attrs: { class: account.disabled ? 'state-bad' : 'state-good' },
      }),
      account.last_sign_in_at ? dataCell(formatDateTime(account.last_sign_in_at, language())) : textCell('console.accounts.never'),
      h(
        'td',
        { class: 'row-actions' },
        own
          ? h('span', { class: 'hint', text: 'console.accounts.you' })
          : h('button', {
              class: account.disabled ? 'button small' : 'button small danger',
              attrs: { type: 'button', 'data-action': `${account.disabled ? 'enable' : 'disable'}:${account.name}` },
              text: account.disabled ? 'console.accounts.enable' : 'console.accounts.disable',
              i18nAttrs: { 'aria-label': [account.disabled ? 'console.accounts.enableLabel' : 'console.accounts.disableLabel', who] },
              on: { click: () => changeAccount(account, account.disabled) },
            }),
        h('button', {
          class: 'button small',
          attrs: { type: 'button', 'data-action': `password:${account.name}` },
          text: 'console.accounts.setPassword',
          i18nAttrs: { 'aria-label': ['console.accounts.setPasswordLabel', who] },
          on: { click: () => openPasswordForm(account) },
        }),
      ),
    );
  });
  byId('accounts-table').replaceChildren(
    table({ caption: ['console.accounts.caption', { count: accounts.length }], columns, rows, attrs: { 'data-table': 'accounts' } }),
  );
}

/** A checkbox for each congress, to limit a desk or inspector account to some of them. */
function renderCongressChoice() {
  const list = byId('account-congresses');
  if (congresses.length === 0) {
    list.replaceChildren(h('p', { class: 'hint', text: 'console.accounts.noCongresses' }));
    return;
  }
  list.replaceChildren(
    h(
      'ul',
      { class: 'option-list' },
      ...congresses.map((congress, i) =>
        h(
          'li',
          {},
          h('input', { id: `account-congress-${i}`, attrs: { type: 'checkbox', value: congress.id, 'data-congress': congress.id } }),
          h(
            'label',
            { attrs: { for: `account-congress-${i}` } },
            h('span', { data: congress.name, attrs: { lang: 'zh-CN' } }),
            ' ',
            h('span', { class: 'option-detail', data: `${congress.date} · ${congress.venue}`, attrs: { lang: 'zh-CN' } }),
          ),
        ),
      ),
    ),
  );
}

/** An organiser serves every congress: the choice is only for desk and inspector accounts. */
function showScope() {
  byId('account-scope').hidden = byId('account-role').value === 'organiser';
}

async function createAccount(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const errorBox = byId('account-form-error');
  clearError(errorBox);
  report(byId('accounts-status'), null);
  const name = readName(byId('account-name-input').value);
  const password = byId('account-password').value;
  if (name.error) return problem(errorBox, `error.${name.error}`, 'account-name-input');
  if (!password) return problem(errorBox, 'password.missing', 'account-password');
  const mismatch = passwordMismatch(password, byId('account-password-again').value);
  if (mismatch) return problem(errorBox, mismatch, 'account-password-again');
  const role = byId('account-role').value;
  const limited =
    role === 'organiser' ? [] : [...document.querySelectorAll('#account-congresses input:checked')].map((input) => input.value);
  setBusy(form, true);
  let created;
  try {
    created = await api.post('/users', { name: name.name, role, password, congresses: limited });
  } catch (error) {
    if (reportError(errorBox, error, 'accounts')) return;
    showAccountError(errorBox, error, 'accounts');
    const field = error.code === 'weak_password' ? 'account-password' : error.code?.startsWith('name') ? 'account-name-input' : null;
    if (field) byId(field).focus();
    return;
  } finally {
    setBusy(form, false);
  }
  form.reset();
  showScope();
  await load();
  const scope = created.congresses.length
    ? ['console.accounts.createdFor', { name: created.name, role: { key: `role.${created.role}` }, congresses: created.congresses.map(congressName).join('、') }]
    : ['console.accounts.created', { name: created.name, role: { key: `role.${created.role}` } }];
  report(byId('accounts-status'), ...scope);
  byId('account-name-input').focus();
}

function problem(box, key, fieldId) {
  showProblem(box, key);
  byId(fieldId).focus();
}

async function changeAccount(account, enable) {
  const who = { name: account.name };
  if (!enable) {
    const sure = await confirmAction({
      title: ['console.accounts.disableTitle', who],
      body: 'console.accounts.disableBody',
      confirm: ['console.accounts.disableConfirm', who],
      danger: true,
    });
    if (!sure) return;
  }
  clearError(byId('accounts-error'));
  report(byId('accounts-status'), null);
  try {
    await api.put(`/users/${segment(account.id)}`, { enabled: enable });
  } catch (error) {
    reportError(byId('accounts-error'), error, 'accounts');
    return;
  }
  await load();
  report(byId('accounts-status'), enable ? 'console.accounts.enabledNow' : 'console.accounts.disabledNow', who);
  document.querySelector(`#accounts-table [data-action="${enable ? 'disable' : 'enable'}:${CSS.escape(account.name)}"]`)?.focus();
}

function openPasswordForm(account) {
  resetting = account;
  const form = byId('password-form');
  form.reset();
  setText(byId('password-form-heading'), 'console.accounts.passwordHeading', { name: account.name });
  setText(
    byId('password-form-note'),
    account.id === state.user?.id ? 'console.accounts.passwordNoteOwn' : 'console.accounts.passwordNote',
    { name: account.name },
  );
  clearError(byId('password-form-error'));
  form.hidden = false;
  byId('password-new').focus();
}

function closePasswordForm({ focusRow }) {
  const name = resetting?.name;
  resetting = null;
  byId('password-form').hidden = true;
  if (focusRow && name) document.querySelector(`#accounts-table [data-action="password:${CSS.escape(name)}"]`)?.focus();
}

async function setPassword(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form) || !resetting) return;
  const errorBox = byId('password-form-error');
  clearError(errorBox);
  const password = byId('password-new').value;
  if (!password) return problem(errorBox, 'password.missing', 'password-new');
  const mismatch = passwordMismatch(password, byId('password-new-again').value);
  if (mismatch) return problem(errorBox, mismatch, 'password-new-again');
  const account = resetting;
  setBusy(form, true);
  try {
    await api.put(`/users/${segment(account.id)}/password`, { password });
  } catch (error) {
    if (reportError(errorBox, error, 'accounts')) return;
    showAccountError(errorBox, error, 'accounts');
    if (error.code === 'weak_password') byId('password-new').focus();
    return;
  } finally {
    setBusy(form, false);
  }
  closePasswordForm({ focusRow: false });
  await load();
  report(byId('accounts-status'), 'console.accounts.passwordSet', { name: account.name });
  document.querySelector(`#accounts-table [data-action="password:${CSS.escape(account.name)}"]`)?.focus();
}

export default { name: 'accounts', view: 'view-accounts', init, reset, load };
