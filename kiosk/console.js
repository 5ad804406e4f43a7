// The organiser's console (/console): sign in, choose or create a congress, then work through
// its sections — roster, contests, scrutineers, the trustees of sealed ballots and their key
// ceremony, validation and freezing, ballot cards, kiosks, voting rounds, publication. Each
// section is a view of this page and a module of console/; this file signs in, chooses the
// congress and moves between the sections. The accounts (console/accounts.js) are of the whole
// server: a view of their own, outside any congress.
//
// Address parameters: ?congress=ID&section=NAME, or ?section=accounts (kept in the address, so
// a reload comes back to the same place), ?poll=SECONDS (how often an open round's figures and
// the key ceremony's progress refresh, default 5), ?lang=en.

import { api, segment } from './shared/api.js';
import { byId, clear, h, setData, showView } from './shared/dom.js';
import { signInForm } from './shared/signin-form.js';
import { languageFromAddress, setLanguage } from './shared/i18n.js';
import { mountToolbar } from './shared/toolbar.js';
import { showTransport } from './shared/transport.js';
import { clearError, isFrozen, onSessionEnded, reportError, showProblem, state } from './console/common.js';
import { congressForm, renderOverview } from './console/congress.js';
import roster from './console/roster.js';
import contests from './console/contests.js';
import scrutineers from './console/scrutineers.js';
import trustees from './console/trustees.js';
import freeze from './console/freeze.js';
import cards from './console/cards.js';
import kiosks from './console/kiosks.js';
import rounds from './console/rounds.js';
import publish from './console/publish.js';
import accounts from './console/accounts.js';

const overview = { name: 'overview', view: 'view-overview', init() {}, reset() {}, load: loadOverview };
const SECTIONS = [overview, roster, contests, scrutineers, trustees, freeze, cards, kiosks, rounds, publish];

/** The section shown, by name; kept while signed out so that signing in again returns to it. */
let current = null;
let editForm = null;

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  showTransport(byId('transport'));
  signInView = signInForm({
    missingKey: 'console.signIn.missing',
    onSignedIn: async (user) => {
      state.user = user;
      await signedIn();
    },
    messages: { clear: clearError, problem: showProblem, error: (box, error) => reportError(box, error, 'login') },
  });
  byId('sign-out').addEventListener('click', signOut);
  byId('change-congress').addEventListener('click', () => listCongresses({ choose: false }));
  byId('open-accounts').addEventListener('click', openAccounts);
  byId('accounts-back').addEventListener('click', () => listCongresses({ choose: false }));
  for (const button of document.querySelectorAll('#congress-nav [data-section]')) {
    button.addEventListener('click', () => openSection(button.dataset.section));
  }
  onSessionEnded(() => showSignIn('console.sessionExpired'));
  const context = { refreshCongress, openSection };
  for (const section of SECTIONS) section.init(context);
  accounts.init();
  congressForm(byId('create-congress'), { mode: 'create', onSaved: (created) => chooseCongress(created) });
  editForm = congressForm(byId('edit-congress'), {
    mode: 'edit',
    onSaved: async (saved) => {
      state.congress = saved;
      showCongressName();
      renderOverview(await overviewData());
    },
  });
  try {
    state.user = await api.get('/session');
  } catch (error) {
    if (error.code !== 'not_signed_in') reportError(byId('page-error'), error, 'console');
    showSignIn();
    return;
  }
  await signedIn();
}

// ---- Signing in and out ----

/** Counts the times the session ended, so that a section loading meanwhile does not show. */
let sessionEnds = 0;

let signInView = null;

function showSignIn(key) {
  sessionEnds += 1;
  leaveSection();
  state.user = null;
  byId('open-accounts').hidden = true;
  byId('congress-nav').hidden = true;
  signInView.show(key);
}

async function signedIn() {
  setData(byId('account-name'), state.user.name);
  byId('account').hidden = false;
  if (state.user.role !== 'organiser') {
    showProblem(byId('page-error'), 'console.wrongRole', { role: { key: `role.${state.user.role}` } });
    showView('view-loading', { focus: false });
    byId('page-error').setAttribute('tabindex', '-1');
    byId('page-error').focus();
    return;
  }
  clearError(byId('page-error'));
  byId('open-accounts').hidden = false;
  if (state.congress && current) {
    // Signed in again after the session ended: back where the organiser was, forms as they were.
    byId('congress-nav').hidden = false;
    await openSection(current);
    return;
  }
  await listCongresses({ choose: true });
}

async function signOut() {
  try {
    await api.delete('/session');
  } catch {
    // Signed out or not, the page forgets the session.
  }
  state.congress = null;
  current = null;
  for (const section of SECTIONS) section.reset();
  accounts.reset();
  byId('masthead-congress').hidden = true;
  const params = new URLSearchParams(location.search);
  params.delete('congress');
  params.delete('section');
  history.replaceState(null, '', params.size ? `${location.pathname}?${params}` : location.pathname);
  showSignIn();
}

// ---- Congresses ----

async function listCongresses({ choose }) {
  leaveSection();
  current = null;
  byId('congress-nav').hidden = true;
  let congresses;
  try {
    congresses = await api.get('/congresses');
  } catch (error) {
    reportError(byId('page-error'), error, 'console');
    return;
  }
  const params = new URLSearchParams(location.search);
  if (choose && !params.get('congress') && params.get('section') === 'accounts') {
    await openAccounts();
    return;
  }
  const asked = congresses.find((c) => c.id === params.get('congress'));
  if (choose && asked) {
    await chooseCongress(asked, params.get('section') ?? 'overview');
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
            attrs: { href: `?congress=${encodeURIComponent(item.id)}`, 'data-congress': item.id },
            on: {
              click: (event) => {
                event.preventDefault();
                chooseCongress(item);
              },
            },
          },
          h('span', { class: 'congress-name', data: item.name, attrs: { lang: 'zh-CN' } }),
          h('span', { class: 'congress-detail', data: `${item.date} · ${item.venue}`, attrs: { lang: 'zh-CN' } }),
          h('span', { class: 'congress-detail', text: item.frozen ? 'console.congresses.frozen' : 'console.congresses.notFrozen' }),
        ),
      ),
    );
  }
  byId('congresses-empty').hidden = congresses.length > 0;
  state.congress = null;
  byId('masthead-congress').hidden = true;
  params.delete('congress');
  params.delete('section');
  history.replaceState(null, '', params.size ? `${location.pathname}?${params}` : location.pathname);
  showView('view-congresses');
}

async function chooseCongress(chosen, section = 'overview') {
  if (state.congress?.id !== chosen.id) {
    for (const s of SECTIONS) s.reset();
  }
  state.congress = chosen;
  showCongressName();
  byId('congress-nav').hidden = false;
  await openSection(SECTIONS.some((s) => s.name === section) ? section : 'overview');
}

function showCongressName() {
  setData(byId('masthead-congress'), state.congress.name);
  byId('masthead-congress').hidden = false;
}

/** Reads the congress again (after freezing, say) and shows what depends on it. */
async function refreshCongress() {
  state.congress = await api.get(`/congresses/${segment(state.congress.id)}`);
  applyFrozen();
}

/** Marks what can change only before freezing. */
function applyFrozen() {
  const frozen = isFrozen();
  for (const element of document.querySelectorAll('[data-unfrozen]')) element.hidden = frozen;
  for (const element of document.querySelectorAll('[data-frozen-note]')) element.hidden = !frozen;
}

// ---- Accounts ----

/** Shows the accounts, outside any congress; the address says so, for a reload. */
async function openAccounts() {
  const ends = sessionEnds;
  leaveSection();
  current = null;
  state.congress = null;
  byId('congress-nav').hidden = true;
  byId('masthead-congress').hidden = true;
  clearError(byId('page-error'));
  const params = new URLSearchParams(location.search);
  params.delete('congress');
  params.set('section', 'accounts');
  history.replaceState(null, '', `${location.pathname}?${params}`);
  await accounts.load();
  if (sessionEnds !== ends) return;
  showView(accounts.view);
}

// ---- Sections ----

function leaveSection() {
  const shown = SECTIONS.find((s) => s.name === current);
  shown?.leave?.();
}

async function openSection(name) {
  const section = SECTIONS.find((s) => s.name === name) ?? overview;
  const ends = sessionEnds;
  leaveSection();
  current = section.name;
  const params = new URLSearchParams(location.search);
  params.set('congress', state.congress.id);
  params.set('section', section.name);
  history.replaceState(null, '', `${location.pathname}?${params}`);
  for (const button of document.querySelectorAll('#congress-nav [data-section]')) {
    if (button.dataset.section === section.name) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  clearError(byId('page-error'));
  try {
    await refreshCongress();
  } catch (error) {
    if (reportError(byId('page-error'), error, 'console')) return;
  }
  await section.load();
  // A request may have found the session over meanwhile: then the sign-in view stays.
  if (sessionEnds !== ends) return;
  showView(section.view);
}

async function overviewData() {
  const [people, list] = await Promise.all([
    api.get(`/congresses/${segment(state.congress.id)}/roster`),
    api.get(`/congresses/${segment(state.congress.id)}/contests`),
  ]);
  return { roster: people, contests: list, openSection };
}

async function loadOverview() {
  let data;
  try {
    data = await overviewData();
  } catch (error) {
    reportError(byId('page-error'), error, 'console');
    data = { roster: [], contests: [], openSection };
  }
  renderOverview(data);
  if (!isFrozen()) editForm.fill(state.congress);
}

start();
