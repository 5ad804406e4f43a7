// The inspector page (/inspect): an inspector (监票人) signs in and chooses the congress; while a
// round is open the page shows turnout only — entitled, present, issued, returned, never a
// partial result (the server sends none); after closing it loads the election record (from the
// server, or a file the inspector picks) and verifies it in this browser with the JS verifier,
// every check listed; then the inspector countersigns the result hash with a key of their own,
// made here and downloaded to keep (the server stores only the public key and the signature;
// nothing secret is stored in the browser). Before freezing a sealed congress, the key ceremony
// among its trustees (inspect/ceremony.js): their progress, and a trustee's own steps. After a
// sealed round closes, its opening (inspect/opening.js): which trustee has decrypted what, a
// trustee's own partial decryptions with the key file, and the count once opened; and every
// ballot challenged at a kiosk, checked here, with the choices it was sealed with.
//
// Address parameters: ?congress=ID, ?poll=SECONDS (turnout refresh, default 5), ?lang=en.

import { ApiError, API_BASE, api, errorText, segment } from './shared/api.js';
import { byId, clear, h, secondsParam, setData, showMessage, showView } from './shared/dom.js';
import { formatTime, languageFromAddress, onLanguageChange, setLanguage, setText } from './shared/i18n.js';
import { staffSignIn } from './shared/signin.js';
import { electorateTable } from './shared/electorate-table.js';
import { electedTable as electedTableOf } from './shared/tally.js';
import { resemblanceText } from './shared/names.js';
import { mountToolbar } from './shared/toolbar.js';
import { fingerprint, verifyRecord } from './shared/verifier/verify.js';
import { grouped } from './shared/verifier/bytes.js';
import { countersign, generateKey, importKeyFile } from './shared/verifier/countersign.js';
import { checksTable, hashElement, inStrokeOrder, renderVerdict } from './shared/verifier/view.js';
import { ceremonyPanel } from './inspect/ceremony.js';
import { openingPanel } from './inspect/opening.js';

const pollMs = secondsParam('poll', 5) * 1000;
const ROLES = ['inspector', 'organiser'];
const signin = staffSignIn({
  page: 'inspect',
  roles: ROLES,
  onCongress: chooseCongress,
  onLeave: () => {
    stopPolling();
    congress = null;
    ceremony.leave();
    opening.leave();
  },
  onSignOut: () => {
    forgetKey();
    ceremony.forget();
    opening.forget();
  },
});
const { sessionEnded } = signin;
const ceremony = ceremonyPanel({ sessionEnded });
const opening = openingPanel({ sessionEnded });

let congress = null;
/** The frozen manifest, for the contests' titles (null before freezing). */
let manifest = null;
let pollTimer = null;
let lastUpdate = null;
/** The last verification of the server's record: { report, text }. */
let verified = null;
/** The inspector's key, in memory only. */
let key = null;
/** Object URLs made for downloads, revoked when replaced. */
const urls = new Map();

// ---- Start and sign-in ----

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  onLanguageChange(() => {
    if (lastUpdate) setText(byId('turnout-updated'), 'common.updatedAt', { time: formatTime(lastUpdate) });
  });
  byId('load-record').addEventListener('click', loadRecord);
  byId('record-file').addEventListener('change', verifyFile);
  byId('key-generate').addEventListener('click', makeKey);
  byId('key-file').addEventListener('change', importKey);
  byId('sign-submit').addEventListener('click', submitCountersignature);
  byId('sign-confirm-no').addEventListener('click', () => byId('sign-confirm').close());
  await signin.start();
}

/** Shows the congress chosen (the sign-in module has put it in the address and the masthead). */
async function chooseCongress(chosen) {
  congress = chosen;
  setText(byId('congress-heading'), 'inspect.heading', { name: chosen.name });
  byId('link-results').href = `/results/${segment(chosen.id)}`;
  byId('link-minutes').href = `/minutes/${segment(chosen.id)}`;
  verified = null;
  byId('report').hidden = true;
  for (const id of ['record-progress', 'record-error', 'sign-status', 'sign-error']) showMessage(byId(id), null);
  renderSign();
  showView('view-congress');
  manifest = null;
  opening.show(chosen);
  manifest = await api.get(congressPath('/manifest')).catch(() => null);
  ceremony.show(chosen);
  await refresh();
}

function congressPath(rest = '') {
  return `/congresses/${segment(congress.id)}${rest}`;
}

// ---- Live turnout: counts of people and ballots only ----

async function refresh() {
  stopPolling();
  if (!congress) return;
  const asked = congress;
  const ceremonyRead = ceremony.refresh();
  try {
    const [attendance, rounds] = await Promise.all([api.get(congressPath('/attendance')), api.get(congressPath('/rounds'))]);
    if (congress !== asked) return;
    // A congress frozen since the page was opened has its manifest now.
    if (!manifest && rounds.length > 0) manifest = await api.get(congressPath('/manifest')).catch(() => null);
    if (congress !== asked) return;
    renderTurnout(attendance, rounds);
    await opening.refresh(rounds, manifest);
    lastUpdate = Date.now();
    setText(byId('turnout-updated'), 'common.updatedAt', { time: formatTime(lastUpdate) });
    showMessage(byId('page-error'), null);
  } catch (error) {
    if (sessionEnded(error)) return;
    if (error.code === 'not_frozen') {
      // Before freezing there are no rounds yet (the key ceremony may be under way above).
      showMessage(byId('turnout-state'), 'inspect.turnout.notFrozen', {}, 'info');
      byId('turnout').replaceChildren();
      showMessage(byId('page-error'), null);
    } else {
      showMessage(byId('page-error'), ...errorText(error, 'inspect'), 'error');
    }
  }
  await ceremonyRead;
  if (congress !== asked) return;
  stopPolling();
  pollTimer = setTimeout(refresh, pollMs);
}

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

function renderTurnout(attendance, rounds) {
  const open = rounds.some((r) => r.open);
  setText(byId('turnout-state'), open ? 'inspect.turnout.sealed' : rounds.length ? 'inspect.turnout.noOpenRound' : 'inspect.turnout.none');
  byId('turnout-state').dataset.kind = open ? 'warning' : 'info';
  const electorates = electorateTable(attendance.electorates, { caption: 'inspect.turnout.presentCaption', electorateKey: 'inspect.turnout.electorate' });
  const rows = [];
  for (const round of rounds) {
    round.definition.contests.forEach((contest, i) => {
      rows.push(
        h(
          'tr',
          { attrs: { 'data-round': round.number, 'data-contest': contest.id, 'data-open': String(round.open) } },
          i === 0 ? h('th', { attrs: { scope: 'row', rowspan: round.definition.contests.length }, text: ['inspect.turnout.roundNumber', { number: round.number }] }) : null,
          i === 0 ? h('td', { attrs: { rowspan: round.definition.contests.length }, text: round.open ? 'inspect.turnout.open' : 'inspect.turnout.closed' }) : null,
          h('td', { attrs: { lang: 'zh-CN' }, data: contestTitle(round, contest.id) }),
          h('td', { class: 'number', attrs: { 'data-issued': '' }, data: round.issued[contest.id] ?? 0 }),
          i === 0 ? h('td', { class: 'number', attrs: { rowspan: round.definition.contests.length, 'data-returned': '' }, data: round.returned }) : null,
        ),
      );
    });
  }
  const roundsTable = rounds.length
    ? h(
        'table',
        { attrs: { 'data-table': 'rounds' } },
        h('caption', { text: 'inspect.turnout.roundsCaption' }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { attrs: { scope: 'col' }, text: 'inspect.turnout.round' }),
            h('th', { attrs: { scope: 'col' }, text: 'inspect.turnout.state' }),
            h('th', { attrs: { scope: 'col' }, text: 'inspect.turnout.contest' }),
            h('th', { class: 'number', attrs: { scope: 'col' }, text: 'inspect.turnout.issued' }),
            h('th', { class: 'number', attrs: { scope: 'col' }, text: 'inspect.turnout.returned' }),
          ),
        ),
        h('tbody', {}, ...rows),
      )
    : null;
  // Look-alike write-ins the server noted on the closed rounds, for the scrutineers to check.
  const notes = rounds.flatMap((round) =>
    (round.notes ?? []).map((note) =>
      h('p', { class: 'message', attrs: { 'data-kind': 'warning', 'data-resemblance': '', 'data-round': round.number, 'data-contest': note.contest } }, h('span', { text: ['inspect.turnout.roundNumber', { number: round.number }] }), ' ', h('span', { text: resemblanceText(note.resemblance) })),
    ),
  );
  byId('turnout').replaceChildren(...[electorates, roundsTable, ...notes].filter(Boolean));
}

/** A contest's title, from the manifest (or the counted result); its id when neither is there. */
function contestTitle(round, id) {
  const listed = manifest?.contests?.find((c) => c.id === id);
  const counted = round.result?.tally?.contests?.find((c) => c.id === id);
  return listed?.title ?? counted?.title ?? id;
}

// ---- The record, verified here ----

async function fetchRecordText() {
  // The record is read as text, so that the verifier reads it strictly (a member given twice,
  // a number with a fraction) rather than as JSON.parse would.
  const response = await fetch(`${API_BASE}${congressPath('/record')}`, {
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

async function loadRecord() {
  const button = byId('load-record');
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  showMessage(byId('record-error'), null);
  showMessage(byId('record-progress'), 'inspect.record.loading', {}, 'info');
  try {
    const text = await fetchRecordText();
    const report = await verify(text, { key: 'inspect.record.source.server' });
    verified = report.ok && report.summary?.congress === congress.id ? { report, text } : null;
    renderSign();
  } catch (error) {
    showMessage(byId('record-progress'), null);
    if (sessionEnded(error)) return;
    showMessage(byId('record-error'), ...errorText(error, 'inspect'), 'error');
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

async function verifyFile(event) {
  const input = event.currentTarget;
  const file = input.files?.[0];
  if (!file) return;
  showMessage(byId('record-error'), null);
  let text;
  try {
    text = await file.text();
  } catch {
    showMessage(byId('record-error'), 'inspect.record.unreadable', {}, 'error');
    return;
  }
  await verify(text, { key: 'inspect.record.source.file', params: { file: file.name } });
}

/** Verifies a record's text here and shows the report; resolves to the report. */
async function verify(text, source) {
  const started = performance.now();
  let shown = 0;
  const report = await verifyRecord(text, {
    onProgress: ({ stage, round, done, total }) => {
      // Say how far it is now and then, not on every batch: a sealed ballot's proofs take far
      // longer than a receipt.
      const sealed = stage === 'ballots';
      if (done < shown) shown = 0;
      if (done - shown < (sealed ? 8 : 5000) && done !== total) return;
      shown = done;
      showMessage(byId('record-progress'), sealed ? 'inspect.record.progress.ballots' : 'inspect.record.progress', { round, done, total }, 'info');
    },
  });
  const seconds = (performance.now() - started) / 1000;
  showMessage(byId('record-progress'), null);
  renderReport(report, text, source, seconds);
  return report;
}

function renderReport(report, text, source, seconds) {
  const panel = byId('report');
  panel.hidden = false;
  setText(byId('report-source'), source.key, source.params);
  const other = byId('report-other');
  if (report.summary && congress && report.summary.congress !== congress.id) {
    showMessage(other, 'inspect.record.otherCongress', { name: report.summary.name }, 'warning');
  } else {
    showMessage(other, null);
  }
  renderVerdict(byId('report-verdict'), report);

  const facts = byId('report-facts');
  clear(facts);
  if (report.summary) {
    const fact = (labelKey, value) => [h('dt', { text: labelKey }), h('dd', {}, value)];
    facts.append(
      ...fact(
        'verifier.resultHash',
        report.result_hash
          ? hashElement(report.result_hash, { id: 'result-hash', className: 'hash hash-large' })
          : h('span', { text: 'verifier.noPublication' }),
      ),
      ...fact('verifier.manifestHash', hashElement(report.summary.manifest_hash)),
      ...(report.summary.key_fingerprint ? fact('verifier.keyFingerprint', hashElement(report.summary.key_fingerprint)) : []),
      ...fact(
        'verifier.checks',
        h(
          'span',
          {},
          h('span', {
            text: ['verifier.summary', { rounds: report.summary.rounds.length, ballots: report.summary.ballots, decisions: report.summary.decisions }],
          }),
          ' ',
          h('span', { text: ['verifier.elapsed', { seconds: Number(seconds.toFixed(2)) }] }),
        ),
      ),
    );
  }
  const bodies = byId('report-bodies');
  clear(bodies);
  if (report.summary && report.summary.bodies.some((b) => b.elected.length > 0)) {
    bodies.append(electedTable(report));
  }
  const save = byId('save-record');
  const url = objectUrl('record', new Blob([text], { type: 'application/json' }));
  save.href = url;
  save.download = `election-record-${report.summary?.congress ?? 'unknown'}.json`;
  save.hidden = false;
  const checks = byId('report-checks');
  checks.replaceChildren(checksTable(report));
  if (!report.ok) checks.append(h('p', { class: 'hint', text: 'verifier.notReached' }));
  byId('report-heading').focus();
}

function electedTable(report) {
  const manifest = report.record?.manifest;
  return electedTableOf(
    report.summary.bodies.map((body) => {
      const ballot = manifest?.contests.find((c) => c.id === body.contest)?.candidates.map((c) => c.id) ?? [];
      return { contest: body.contest, title: body.title, seats: body.seats, people: inStrokeOrder(body.elected, ballot).people };
    }),
  );
}

function objectUrl(name, blob) {
  if (urls.has(name)) URL.revokeObjectURL(urls.get(name));
  const url = URL.createObjectURL(blob);
  urls.set(name, url);
  return url;
}

// ---- Countersigning ----

function renderSign() {
  const ready = Boolean(verified?.report.result_hash) && signin.user()?.role === 'inspector';
  byId('sign-needs').hidden = ready;
  byId('sign-work').hidden = !ready;
  if (!ready) return;
  const hash = verified.report.result_hash;
  const shown = byId('sign-hash');
  shown.dataset.hash = hash;
  setData(shown, grouped(hash));
  updateSignButton();
}

function alreadySigned() {
  return Boolean(key && verified?.report.summary.countersignatures.some((c) => c.public_key === key.publicKey));
}

function updateSignButton() {
  const button = byId('sign-submit');
  if (key && verified?.report.result_hash && !alreadySigned()) button.removeAttribute('aria-disabled');
  else button.setAttribute('aria-disabled', 'true');
  if (alreadySigned()) showMessage(byId('sign-status'), 'inspect.sign.already', {}, 'success');
}

async function showKey(fresh) {
  const print = await fingerprint(key.publicKey);
  showMessage(byId('key-state'), 'inspect.sign.keyReady', { fingerprint: grouped(print) }, 'success');
  byId('key-keep').hidden = !fresh;
  byId('key-downloads').hidden = false;
  const name = `ballotbox-inspector-key-${signin.user().name}-${key.publicKey.slice(0, 8)}`;
  const jwk = byId('key-download-jwk');
  jwk.href = objectUrl('jwk', new Blob([`${JSON.stringify(await key.jwk(), null, 2)}\n`], { type: 'application/json' }));
  jwk.download = `${name}.jwk.json`;
  const pem = byId('key-download-pem');
  pem.href = objectUrl('pem', new Blob([await key.pem()], { type: 'application/x-pem-file' }));
  pem.download = `${name}.pem`;
  showMessage(byId('sign-error'), null);
  updateSignButton();
}

async function makeKey() {
  try {
    key = await generateKey();
  } catch {
    showMessage(byId('sign-error'), 'inspect.sign.noCrypto', {}, 'error');
    return;
  }
  await showKey(true);
}

async function importKey(event) {
  const input = event.currentTarget;
  const file = input.files?.[0];
  if (!file) return;
  try {
    key = await importKeyFile(await file.text());
  } catch {
    key = null;
    showMessage(byId('sign-error'), 'inspect.sign.badKeyFile', {}, 'error');
    return;
  } finally {
    input.value = '';
  }
  await showKey(false);
}

function forgetKey() {
  key = null;
  for (const url of urls.values()) URL.revokeObjectURL(url);
  urls.clear();
  byId('key-downloads').hidden = true;
  byId('key-keep').hidden = true;
  showMessage(byId('key-state'), 'inspect.sign.noKey', {}, 'info');
}

/**
 * Asks before countersigning, naming the result hash, the inspector and the key; resolves to
 * true when confirmed. A countersignature cannot be withdrawn, so the focus starts on Cancel.
 */
async function confirmCountersign(hash) {
  const dialog = byId('sign-confirm');
  setText(byId('sign-confirm-body'), 'inspect.sign.confirmBody', { name: signin.user().name, fingerprint: grouped(await fingerprint(key.publicKey)) });
  const shown = byId('sign-confirm-hash');
  shown.dataset.hash = hash;
  setData(shown, grouped(hash));
  return new Promise((resolve) => {
    const answer = (yes) => {
      byId('sign-confirm-yes').removeEventListener('click', onYes);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      byId('sign-submit').focus();
      resolve(yes);
    };
    const onYes = () => answer(true);
    const onClose = () => answer(false);
    byId('sign-confirm-yes').addEventListener('click', onYes);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    byId('sign-confirm-no').focus();
  });
}

async function submitCountersignature() {
  const button = byId('sign-submit');
  if (button.getAttribute('aria-disabled') === 'true' || !key || !verified) return;
  if (!(await confirmCountersign(verified.report.result_hash))) return;
  button.setAttribute('aria-disabled', 'true');
  showMessage(byId('sign-error'), null);
  try {
    const body = await countersign(key, congress.id, verified.report.result_hash);
    await api.post(congressPath('/countersignatures'), body);
  } catch (error) {
    button.removeAttribute('aria-disabled');
    if (sessionEnded(error)) return;
    showMessage(byId('sign-error'), ...errorText(error, 'countersign'), 'error');
    return;
  }
  showMessage(byId('sign-status'), 'inspect.sign.done', {}, 'success');
  await loadRecord();
  showMessage(byId('sign-status'), 'inspect.sign.done', {}, 'success');
}

start();
