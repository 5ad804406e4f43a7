// Signing in and choosing the congress, as the staff pages do it: the sign-in view, the role
// check, the list of congresses (the one the address names, or the only one, is chosen for you,
// and kept in the address), signing out, and a session that ends while the page is open.
//
// The sign-in form itself is signin-form.js. The page's HTML has #signin-form (with #signin-name, #signin-password and #signin-error),
// #account with #account-name, #sign-out, #change-congress, #masthead-congress, #page-error,
// #congress-list, #congresses-empty, and the views view-signin, view-loading and view-congresses.
// Its strings table has `<page>.signIn.missing`, `<page>.wrongRole` and `<page>.sessionExpired`.

import { api, errorText } from './api.js';
import { byId, clear, h, setData, showMessage, showView } from './dom.js';
import { signInForm } from './signin-form.js';

/**
 * The sign-in and congress choice of one page. `page` names its strings and error texts,
 * `roles` who may use it; `onCongress(congress)` shows a chosen congress, `onLeave()` stops
 * what the page was doing (polling) before it shows something else, and `onSignOut()` forgets
 * what the signed-in person had (a key, say). Returns `{ start, user, sessionEnded,
 * listCongresses }`: `user()` is the account signed in, `sessionEnded(error)` shows the sign-in
 * again when a request found the session ended (and says whether it did).
 */
export function staffSignIn({ page, roles, onCongress, onLeave = () => {}, onSignOut = () => {} }) {
  let user = null;

  const form = signInForm({
    missingKey: `${page}.signIn.missing`,
    onSignedIn: async (signed) => {
      user = signed;
      await signedIn();
    },
  });

  function showSignIn(key) {
    onLeave();
    user = null;
    byId('masthead-congress').hidden = true;
    form.show(key);
  }

  async function signedIn() {
    setData(byId('account-name'), user.name);
    byId('account').hidden = false;
    if (!roles.includes(user.role)) {
      showMessage(byId('page-error'), `${page}.wrongRole`, { role: { key: `role.${user.role}` } }, 'error');
      showView('view-loading', { focus: 'page-error' });
      byId('page-error').setAttribute('tabindex', '-1');
      byId('page-error').focus();
      return;
    }
    showMessage(byId('page-error'), null);
    await listCongresses({ choose: true });
  }

  async function signOut() {
    try {
      await api.delete('/session');
    } catch {
      // Signed out or not, the page forgets the session.
    }
    onSignOut();
    showSignIn();
  }

  function sessionEnded(error) {
    if (error.code === 'not_signed_in') {
      showSignIn(`${page}.sessionExpired`);
      return true;
    }
    return false;
  }

  async function listCongresses({ choose }) {
    onLeave();
    let congresses;
    try {
      congresses = await api.get('/congresses');
    } catch (error) {
      if (sessionEnded(error)) return;
      showMessage(byId('page-error'), ...errorText(error, page), 'error');
      return;
    }
    const asked = new URLSearchParams(location.search).get('congress');
    const found = congresses.find((c) => c.id === asked);
    if (choose && (found || congresses.length === 1)) {
      await chooseCongress(found ?? congresses[0]);
      return;
    }
    const list = byId('congress-list');
    clear(list);
    for (const item of congresses) {
      list.append(
        h(
          'li',
          {},
          h(
            'a',
            {
              attrs: { href: `?congress=${encodeURIComponent(item.id)}`, lang: 'zh-CN' },
              on: {
                click: (event) => {
                  event.preventDefault();
                  chooseCongress(item);
                },
              },
            },
            h('span', { class: 'congress-name', data: item.name }),
            h('span', { class: 'congress-detail', data: `${item.date} · ${item.venue}` }),
          ),
        ),
      );
    }
    byId('congresses-empty').hidden = congresses.length > 0;
    showView('view-congresses');
  }

  async function chooseCongress(chosen) {
    const params = new URLSearchParams(location.search);
    params.set('congress', chosen.id);
    history.replaceState(null, '', `${location.pathname}?${params}`);
    setData(byId('masthead-congress'), chosen.name);
    byId('masthead-congress').hidden = false;
    await onCongress(chosen);
  }

  /** Wires the sign-in, sign-out and congress buttons, then signs in or resumes the session. */
  async function start() {
    byId('sign-out').addEventListener('click', signOut);
    byId('change-congress').addEventListener('click', () => listCongresses({ choose: false }));
    try {
      user = await api.get('/session');
    } catch (error) {
      if (error.code !== 'not_signed_in') showMessage(byId('page-error'), ...errorText(error, page), 'error');
      showSignIn();
      return;
    }
    await signedIn();
  }

  return { start, user: () => user, sessionEnded, listCongresses };
}
