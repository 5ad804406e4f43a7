// The one sign-in form of the staff pages (console, desk, inspector, minutes): the page's HTML
// has #signin-form with #signin-name, #signin-password and #signin-error in view-signin, and
// #account; this module shows that view, checks that both fields are filled, signs in, and says
// why not. What a page does once signed in is its own (`onSignedIn(user)`).

import { api, errorText } from './api.js';
import { byId, isBusy, setBusy, showMessage, showView } from './dom.js';

/** How a refusal is shown in #signin-error, unless the page shows them its own way. */
const MESSAGES = {
  clear: (box) => showMessage(box, null),
  problem: (box, key) => showMessage(box, key, {}, 'error'),
  error: (box, error) => showMessage(box, ...errorText(error, 'login'), 'error'),
};

/**
 * Wires #signin-form. `missingKey` is said when a field is empty; `onSignedIn(user)` runs after
 * a sign-in; `messages` ({ clear, problem, error }) shows refusals where a page has its own kind
 * of error box. Returns `{ show(key) }`: the sign-in view, with `key` said (the session ended).
 */
export function signInForm({ missingKey, onSignedIn, messages = MESSAGES }) {
  const box = () => byId('signin-error');

  function show(key) {
    byId('account').hidden = true;
    messages.clear(box());
    if (key) messages.problem(box(), key);
    byId('signin-password').value = '';
    showView('view-signin', { focus: 'signin-name' });
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    if (isBusy(form)) return;
    const name = byId('signin-name').value.trim();
    const password = byId('signin-password').value;
    messages.clear(box());
    if (!name || !password) {
      messages.problem(box(), missingKey);
      byId(name ? 'signin-password' : 'signin-name').focus();
      return;
    }
    setBusy(form, true);
    let user;
    try {
      user = await api.post('/session', { name, password });
    } catch (error) {
      messages.error(box(), error);
      byId('signin-password').select();
      return;
    } finally {
      setBusy(form, false);
    }
    byId('signin-password').value = '';
    await onSignedIn(user);
  }

  byId('signin-form').addEventListener('submit', submit);
  return { show };
}
