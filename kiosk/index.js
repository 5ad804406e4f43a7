// The index page (/): the list of pages, in the language the address asks for. On a fresh
// server, whose first organiser is still to be made, it is the first-run page instead: the
// one-time setup token that `ballotbox serve` printed, a name and a password make the first
// organiser account, signed in at once; then it is the list of pages again.

import { api } from './shared/api.js';
import { byId, h, isBusy, setBusy, showView } from './shared/dom.js';
import { language, languageFromAddress, setLanguage, setText } from './shared/i18n.js';
import { readName } from './shared/names.js';
import { passwordMismatch, showAccountError } from './shared/password.js';
import { mountToolbar } from './shared/toolbar.js';

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  byId('firstrun-form').addEventListener('submit', createOrganiser);
  let firstRun;
  try {
    firstRun = await api.get('/setup/first-organiser');
  } catch (error) {
    // The list of pages is still of use; the console says what is wrong when opened.
    showAccountError(byId('page-error'), error, 'firstRun');
    return;
  }
  if (firstRun.needed) showView('view-firstrun', { focus: 'firstrun-heading' });
}

const FIELDS = ['firstrun-token', 'firstrun-name', 'firstrun-password', 'firstrun-password-again'];

/** Marks the field to fix (if any) and moves the focus to it. */
function markField(fieldId) {
  for (const id of FIELDS) {
    if (id === fieldId) byId(id).setAttribute('aria-invalid', 'true');
    else byId(id).removeAttribute('aria-invalid');
  }
  if (fieldId) byId(fieldId).focus();
}

/** A problem found before anything is sent. */
function problem(key, fieldId) {
  const box = byId('firstrun-error');
  box.replaceChildren(h('p', { class: 'message', attrs: { 'data-kind': 'error' }, text: key }));
  box.dataset.code = 'local';
  markField(fieldId);
}

/** The field a refusal is about, so that the focus goes to what to fix. */
const FIELD_OF = {
  bad_setup_token: 'firstrun-token',
  too_many_attempts: 'firstrun-token',
  weak_password: 'firstrun-password',
  name_taken: 'firstrun-name',
  name_empty: 'firstrun-name',
  name_control: 'firstrun-name',
  name_bidi: 'firstrun-name',
  name_line_break: 'firstrun-name',
  name_too_long: 'firstrun-name',
};

async function createOrganiser(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form)) return;
  const token = byId('firstrun-token').value.trim();
  const name = readName(byId('firstrun-name').value);
  const password = byId('firstrun-password').value;
  if (!token) return problem('firstRun.missingToken', 'firstrun-token');
  if (name.error) return problem(`error.${name.error}`, 'firstrun-name');
  if (!password) return problem('password.missing', 'firstrun-password');
  const mismatch = passwordMismatch(password, byId('firstrun-password-again').value);
  if (mismatch) return problem(mismatch, 'firstrun-password-again');
  setBusy(form, true);
  let user;
  try {
    user = await api.post('/setup/first-organiser', { token, name: name.name, password });
  } catch (error) {
    if (error.code === 'organiser_exists') {
      showView('view-pages');
      showAccountError(byId('page-error'), error, 'firstRun');
      return;
    }
    showAccountError(byId('firstrun-error'), error, 'firstRun');
    markField(FIELD_OF[error.code]);
    return;
  } finally {
    setBusy(form, false);
  }
  form.reset();
  setText(byId('firstrun-done'), 'firstRun.done', { name: user.name });
  const chosen = language();
  byId('firstrun-console').setAttribute('href', chosen === 'zh-CN' ? '/console' : `/console?lang=${chosen}`);
  showView('view-firstrun-done');
}

start();
