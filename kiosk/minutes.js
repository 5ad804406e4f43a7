// The minutes (选举结果报告, /minutes/{congress}): a print-ready A4 report of a congress's result,
// made from the full election record, which this page first verifies with the JS verifier. For
// signed-in organisers and inspectors (the record holds ballot contents, so it is theirs, not
// the public's). It shows the congress, every contest's 应到 / 实到 / 发出 / 收回 / 有效 / 无效 per
// round, every candidate's votes, the elected in surname-stroke order, the rule profile, the
// manifest hash, the tree heads, the result hash with its QR code, the countersignatures, and the
// signature lines of the scrutineers and tellers named in the manifest.
//
// Address parameters: ?lang=en.

import { ApiError, API_BASE, api, errorText, segment } from './shared/api.js';
import { byId, clear, h, setData, showMessage, showView } from './shared/dom.js';
import { signInForm } from './shared/signin-form.js';
import { languageFromAddress, setAttr, setLanguage, setText } from './shared/i18n.js';
import { mountToolbar } from './shared/toolbar.js';
import { verifyRecord } from './shared/verifier/verify.js';
import { checkKey, hashElement, inStrokeOrder, placeText } from './shared/verifier/view.js';
import { electedOrderKey, electedTable, roundContests } from './shared/tally.js';
import { treeHeadsTable } from './shared/tree-heads.js';
import { loadBallotOrder } from './shared/ballot-order.js';

const congressId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const ROLES = ['organiser', 'inspector'];
const SCRUTINEER_ROLES = ['chief', 'scrutineer', 'teller'];

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  signInView = signInForm({ missingKey: 'inspect.signIn.missing', onSignedIn: signedIn });
  byId('sign-out').addEventListener('click', signOut);
  byId('print').addEventListener('click', () => window.print());
  if (!congressId) {
    showMessage(byId('page-error'), 'minutes.noCongress', {}, 'error');
    return;
  }
  let user;
  try {
    user = await api.get('/session');
  } catch (error) {
    if (error.code !== 'not_signed_in') showMessage(byId('page-error'), ...errorText(error, 'minutes'), 'error');
    showSignIn();
    return;
  }
  await signedIn(user);
}

let signInView = null;

function showSignIn(messageKey) {
  signInView.show(messageKey);
}

async function signOut() {
  try {
    await api.delete('/session');
  } catch {
    // Signed out or not, the page forgets the session.
  }
  showSignIn();
}

async function signedIn(user) {
  setData(byId('account-name'), user.name);
  byId('account').hidden = false;
  if (!ROLES.includes(user.role)) {
    showMessage(byId('page-error'), 'minutes.wrongRole', { role: { key: `role.${user.role}` } }, 'error');
    return;
  }
  showMessage(byId('page-error'), null);
  showView('view-loading');
  let text;
  try {
    text = await fetchRecordText();
  } catch (error) {
    if (error.code === 'not_signed_in') {
      showSignIn('inspect.sessionExpired');
      return;
    }
    showMessage(byId('page-error'), ...errorText(error, 'minutes'), 'error');
    return;
  }
  const report = await verifyRecord(text);
  if (report.malformed) {
    const [key, params] = placeText(report.failure);
    showMessage(byId('page-error'), 'minutes.notVerified', { check: { key: checkKey(report.failure.code) }, place: { key, params } }, 'error');
    return;
  }
  // The rounds' open and close times (to the minute) are not part of the signed record: the
  // server keeps them in its audit log. Without them the minutes still stand.
  const times = await api.get(`/congresses/${segment(congressId)}/rounds`).catch(() => []);
  render(report, await loadBallotOrder().catch(() => null), times);
}

/** A time to the minute, as the minutes print it: 2026-11-28 09:05. */
function minuteText(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** When round `number` was opened and closed, as a line of the minutes, or null. */
function roundTimes(times, number) {
  const round = times.find((r) => r.number === number);
  if (!round?.opened_at || !round?.closed_at) return null;
  return h('p', {
    class: 'round-times',
    attrs: { 'data-opened': minuteText(round.opened_at), 'data-closed': minuteText(round.closed_at) },
    text: ['minutes.roundTimes', { opened: minuteText(round.opened_at), closed: minuteText(round.closed_at) }],
  });
}

async function fetchRecordText() {
  const response = await fetch(`${API_BASE}/congresses/${segment(congressId)}/record`, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  }).catch((cause) => {
    throw new ApiError({ status: 0, code: 'network', message: String(cause) });
  });
  const text = await response.text();
  if (!response.ok) {
    let error = {};
    try {
      error = JSON.parse(text).error ?? {};
    } catch {
      // not JSON
    }
    throw new ApiError({
      status: response.status,
      code: error.code || `http_${response.status}`,
      message: error.message,
      requestId: error.request_id || response.headers.get('x-request-id'),
    });
  }
  return text;
}

function fact(key, value, params) {
  const dd = typeof value === 'string' || typeof value === 'number' ? h('dd', { data: value }) : h('dd', {}, value);
  return [h('dt', { text: params ? [key, params] : key }), dd];
}

function render(report, strokes, times = []) {
  const record = report.record;
  const manifest = record.manifest;
  const congress = manifest.congress;
  const verdict = byId('verdict');
  if (report.ok) {
    showMessage(verdict, 'minutes.verified', { count: report.checks.length }, 'success');
  } else {
    const [key, params] = placeText(report.failure);
    showMessage(verdict, 'minutes.notVerified', { check: { key: checkKey(report.failure.code) }, place: { key, params } }, 'error');
  }
  byId('draft').hidden = Boolean(report.result_hash);
  setText(byId('minutes-heading'), 'minutes.title', { name: congress.name });
  document.title = `${congress.name} — ${document.title}`;

  const all = manifest.electorates.find((e) => e.id === 'all');
  byId('particulars').replaceChildren(
    ...fact('minutes.congress', congress.name),
    ...fact('minutes.union', congress.union_name),
    ...fact('minutes.date', congress.date),
    ...fact('minutes.venue', congress.venue),
    ...fact('minutes.members', congress.members),
    ...(all ? fact('minutes.entitledAll', all.entitled) : []),
  );

  renderElected(report, strokes);
  byId('rounds').replaceChildren(
    ...record.rounds.map((round) => {
      const number = round.result.round.number;
      return h(
        'section',
        { class: 'round', attrs: { 'data-round': number } },
        h('h3', { text: ['results.round.heading', { number, sitting: { key: `results.sitting.${round.result.round.sitting}` } }] }),
        roundTimes(times, number),
        ...roundContests(round.result, { level: 'h4', manifest }),
      );
    }),
  );

  const decisions = byId('decisions');
  clear(decisions);
  for (const recorded of record.decisions) {
    const d = recorded.decision;
    const title = manifest.contests.find((c) => c.id === d.contest)?.title ?? d.contest;
    decisions.append(h('li', { text: ['minutes.decision', { title, round: d.after_round, seats: d.seats, consent: d.consent }] }));
  }
  byId('decisions-section').hidden = record.decisions.length === 0;

  const profile = manifest.profile;
  byId('profile').replaceChildren(
    ...fact('minutes.profile.quorum', h('span', { text: `minutes.profile.quorum.${profile.quorum}` })),
    ...fact('minutes.profile.tie', h('span', { text: `minutes.profile.tie.${profile.tie_revote_needs_majority}` })),
    ...fact('minutes.profile.chair', h('span', { text: `minutes.profile.chair.${profile.chair_margin}` })),
    ...fact('minutes.profile.order', h('span', { text: `minutes.profile.order.${profile.ballot_order}` })),
    ...manifest.contests
      .filter((c) => c.order === 'as_listed')
      .flatMap((c) => fact('minutes.profile.asListed', h('span', { text: 'minutes.profile.asListed.value' }), { title: c.title })),
    ...fact(
      'minutes.profile.sizeTable',
      manifest.size_table === 'acftu-2016' ? h('span', { text: 'minutes.profile.sizeTable.acftu-2016' }) : manifest.size_table,
    ),
  );
  byId('profile').after(h('p', { class: 'hint', text: 'minutes.profile.threshold' }));

  const hashes = byId('hashes');
  clear(hashes);
  if (report.result_hash) {
    hashes.append(...fact('minutes.resultHash', hashElement(report.result_hash, { id: 'result-hash', className: 'hash hash-large' })));
    const qr = byId('result-qr');
    qr.src = `/api/v1/public/congresses/${segment(congress.id)}/result-hash.svg`;
    setAttr(qr, 'alt', 'minutes.qrAlt');
    qr.hidden = false;
    // Where anyone reads the published results: the short address, as this page was reached.
    setData(byId('results-address-text'), `${location.origin}/r/${segment(congress.id)}`);
    byId('address-qr').src = `/api/v1/public/congresses/${segment(congress.id)}/address.svg`;
    byId('results-address').hidden = false;
  }
  hashes.append(...fact('minutes.manifestHash', hashElement(record.manifest_hash)));
  if (report.summary.key_fingerprint) hashes.append(...fact('minutes.keyFingerprint', hashElement(report.summary.key_fingerprint)));

  byId('tree-heads').replaceChildren(treeHeadsTable(record.rounds.map((round) => round.tree_head), { caption: 'minutes.treeHeads' }));

  const signatures = report.summary.countersignatures;
  byId('countersignatures').replaceChildren(
    signatures.length === 0
      ? h('p', { text: 'minutes.countersignatures.none' })
      : h(
          'table',
          { attrs: { 'data-table': 'countersignatures' } },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { attrs: { scope: 'col' }, text: 'results.countersignature.inspector' }),
              h('th', { attrs: { scope: 'col' }, text: 'results.countersignature.key' }),
            ),
          ),
          h(
            'tbody',
            {},
            ...signatures.map((cs) =>
              h('tr', {}, h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: cs.inspector }), h('td', {}, hashElement(cs.key_fingerprint))),
            ),
          ),
        ),
  );

  const scrutineers = [...manifest.scrutineers].sort((a, b) => SCRUTINEER_ROLES.indexOf(a.role) - SCRUTINEER_ROLES.indexOf(b.role));
  byId('signature-lines').replaceChildren(
    ...scrutineers.map((s) =>
      h(
        'div',
        { class: 'signature-line', attrs: { 'data-role': s.role } },
        h('span', { class: 'signature-role', text: SCRUTINEER_ROLES.includes(s.role) ? `minutes.role.${s.role}` : 'minutes.role.scrutineer' }),
        h('span', { class: 'signature-name', attrs: { lang: 'zh-CN' }, data: s.name }),
        h('span', { class: 'signature-blank' }, h('span', { class: 'hint', text: 'minutes.signHere' })),
        h('span', { class: 'signature-blank' }, h('span', { class: 'hint', text: 'minutes.signDate' })),
      ),
    ),
  );
  showView('view-minutes', { focus: 'minutes-heading' });
}

function renderElected(report, strokes) {
  const manifest = report.record.manifest;
  const method = manifest.profile.ballot_order;
  let order = 'stroke';
  const rows = report.summary.bodies.map((body) => {
    const contest = manifest.contests.find((c) => c.id === body.contest);
    const sorted = inStrokeOrder(body.elected, contest?.candidates.map((c) => c.id) ?? [], { strokes, method });
    order = sorted.order;
    return { contest: body.contest, title: contest?.title, seats: body.seats, people: sorted.people };
  });
  setText(byId('elected-order'), electedOrderKey(order, method));
  byId('elected').replaceChildren(electedTable(rows, { caption: null }));
}

start();
