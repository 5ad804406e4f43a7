// The public results page (/results/{congress}), for anyone, without signing in: who was
// elected to each body, each round's counts (应到 / 实到 / 发出 / 收回 / 有效 / 无效) and votes, the
// result hash with its QR code and the signed tree heads, the inspectors' countersignatures —
// checked in this browser as far as public data allows — and a delegate's receipt check, whose
// inclusion proof and tree-head signature the browser verifies itself.
//
// Address parameters: ?lang=en; ?receipt=… fills in the receipt check and runs it (what a
// scanned receipt QR code leads to). /r/{congress} is the page's short address.

import { ApiError, api, errorText, segment } from './shared/api.js';
import { byId, clear, h, isBusy, setBusy, setData, showMessage, showView } from './shared/dom.js';
import { languageFromAddress, setAttr, setLanguage, setText } from './shared/i18n.js';
import { mountToolbar } from './shared/toolbar.js';
import { canonicalBytes } from './shared/verifier/jcs.js';
import { fromHex, grouped, readDigest, toHex } from './shared/verifier/bytes.js';
import { sha256 } from './shared/verifier/sha.js';
import { verifyStrict } from './shared/verifier/ed25519.js';
import { root as merkleRoot } from './shared/verifier/merkle.js';
import { checkInclusionProof } from './shared/verifier/receipt.js';
import { readShortReceipt, shortReceipt } from './shared/short-receipt.js';
import { fingerprint, signedMessage } from './shared/verifier/verify.js';
import { hashElement, inStrokeOrder } from './shared/verifier/view.js';
import { electedOrderKey, electedTable, roundContests } from './shared/tally.js';
import { treeHeadsTable } from './shared/tree-heads.js';
import { loadBallotOrder } from './shared/ballot-order.js';

const congressId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
let published = null;

async function start() {
  setLanguage(languageFromAddress());
  mountToolbar(byId('toolbar'));
  byId('receipt-form').addEventListener('submit', checkReceipt);
  if (!congressId) {
    setText(byId('missing-text'), 'results.noCongress');
    showView('view-missing');
    return;
  }
  try {
    published = await api.get(`/public/congresses/${segment(congressId)}/results`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      setText(byId('missing-text'), 'results.notFound');
      showView('view-missing');
      return;
    }
    showMessage(byId('page-error'), ...errorText(error, 'results'), 'error');
    showView('view-loading', { focus: false });
    return;
  }
  await render(published);
  const given = new URLSearchParams(location.search).get('receipt');
  if (given) {
    byId('receipt-input').value = given;
    byId('receipt-form').requestSubmit();
  }
}

async function render(data) {
  setData(byId('masthead-congress'), data.congress_name);
  byId('masthead-congress').hidden = false;
  setText(byId('results-heading'), 'results.heading', { name: data.congress_name });
  const particulars = byId('particulars');
  clear(particulars);
  for (const [key, value] of [
    ['results.union', data.union_name],
    ['results.date', data.date],
    ['results.venue', data.venue],
  ]) {
    particulars.append(h('dt', { text: key }), h('dd', { attrs: { lang: 'zh-CN' }, data: value }));
  }
  // Without the stroke data (a failed load) the elected stand in ballot order, and the page says so.
  renderElected(data, await loadBallotOrder().catch(() => null));
  renderRounds(data);
  await renderHashes(data);
  showView('view-results');
  await browserChecks(data);
}

/** Each contest's title, from the last round that counted it (public results carry no manifest). */
function titles(data) {
  const found = new Map();
  for (const round of data.rounds) for (const c of round.result.tally.contests) found.set(c.id, c);
  return found;
}

function renderElected(data, strokes) {
  const method = data.rounds[0]?.result.tally.profile?.ballot_order ?? 'surname_strokes';
  const contests = titles(data);
  let order = 'stroke';
  const rows = data.publication.publication.bodies.map((body) => {
    const ballot = [];
    for (const round of data.rounds) {
      for (const c of round.result.round.contests) if (c.id === body.contest) ballot.push(...c.candidates.map((x) => x.id));
    }
    const sorted = inStrokeOrder(body.elected, ballot, { strokes, method });
    order = sorted.order;
    return { contest: body.contest, title: contests.get(body.contest)?.title, seats: body.seats, people: sorted.people };
  });
  setText(byId('elected-order'), electedOrderKey(order, method));
  byId('elected').replaceChildren(electedTable(rows));
}

function renderRounds(data) {
  byId('rounds').replaceChildren(
    ...data.rounds.map((round) => {
      const number = round.result.round.number;
      return h(
        'section',
        { class: 'round', attrs: { 'data-round': number } },
        h('h3', { text: ['results.round.heading', { number, sitting: { key: `results.sitting.${round.result.round.sitting}` } }] }),
        ...roundContests(round.result, { level: 'h4' }),
      );
    }),
  );
}

async function renderHashes(data) {
  const hashes = byId('hashes');
  clear(hashes);
  const fact = (key, value) => [h('dt', { text: key }), h('dd', {}, value)];
  hashes.append(
    ...fact('verifier.resultHash', hashElement(data.publication.result_hash, { id: 'result-hash', className: 'hash hash-large' })),
    ...fact('verifier.manifestHash', hashElement(data.manifest_hash)),
    ...fact('verifier.keyFingerprint', hashElement(await fingerprint(data.public_key))),
  );
  const qr = byId('result-qr');
  qr.src = `/api/v1/public/congresses/${segment(congressId)}/result-hash.svg`;
  setAttr(qr, 'alt', 'results.qrAlt');
  setData(byId('short-address'), `${location.origin}/r/${segment(congressId)}`);
  byId('address-qr').src = `/api/v1/public/congresses/${segment(congressId)}/address.svg`;

  byId('tree-heads').replaceChildren(treeHeadsTable(data.rounds.map((round) => round.tree_head)));

  const signatures = byId('countersignatures');
  if (data.countersignatures.length === 0) {
    signatures.replaceChildren(h('p', { text: 'results.countersignatures.none' }));
    return;
  }
  const rows = [];
  for (const cs of data.countersignatures) {
    rows.push(
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: cs.inspector }),
        h('td', {}, hashElement(await fingerprint(cs.public_key))),
      ),
    );
  }
  signatures.replaceChildren(
    h(
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
      h('tbody', {}, ...rows),
    ),
  );
}

/** What this browser can check of the public data: hashes, signatures, roots over receipts. */
async function browserChecks(data) {
  const list = byId('browser-checks');
  list.replaceChildren(h('li', { text: 'results.browser.checking' }));
  const publication = data.publication;
  const key = data.public_key;
  const hashOf = async (document) => toHex(await sha256(canonicalBytes(document)));
  const results = [];
  results.push(['publicationHash', (await hashOf(publication.publication)) === publication.result_hash]);
  results.push(['publicationSignature', (await verifyStrict(key, signedMessage('publication', publication.publication), publication.signature)).ok]);
  let rounds = data.rounds.length === publication.publication.rounds.length;
  let heads = true;
  for (const [i, round] of data.rounds.entries()) {
    const listed = publication.publication.rounds[i];
    rounds &&= (await hashOf(round.result)) === round.result_hash && listed?.result_hash === round.result_hash && listed?.number === round.result.round.number;
    const leaves = round.receipts.map((r) => fromHex(r));
    heads &&=
      (await verifyStrict(key, signedMessage('tree_head', round.tree_head), round.tree_head_signature)).ok &&
      leaves.length === round.tree_head.size &&
      (await merkleRoot(leaves)) === round.tree_head.root &&
      JSON.stringify(canonicalBytes(round.result.tree_head)) === JSON.stringify(canonicalBytes(round.tree_head));
  }
  results.push(['roundHashes', rounds]);
  results.push(['treeHeads', heads]);
  if (data.countersignatures.length > 0) {
    let all = true;
    for (const cs of data.countersignatures) {
      const signed = { congress: congressId, result_hash: publication.result_hash };
      all &&= cs.public_key !== key && (await verifyStrict(cs.public_key, signedMessage('countersignature', signed), cs.signature)).ok;
    }
    results.push(['countersignatures', all]);
  }
  list.replaceChildren(
    ...results.map(([name, ok]) =>
      h(
        'li',
        { attrs: { 'data-check': name, 'data-result': ok ? 'passed' : 'failed' } },
        h('span', { class: ok ? 'check-passed' : 'check-failed', text: ok ? 'results.browser.passed' : 'results.browser.failed' }),
        h('span', { text: `results.browser.${name}` }),
      ),
    ),
  );
}

async function checkReceipt(event) {
  event.preventDefault();
  const form = event.currentTarget;
  if (isBusy(form) || !published) return;
  const output = byId('receipt-result');
  const typed = byId('receipt-input').value;
  // The full receipt (64 hex digits), or the short one a delegate copied (12 symbols).
  const full = readDigest(typed);
  const short = full ? null : readShortReceipt(typed);
  const input = byId('receipt-input');
  byId('receipt-full').hidden = true;
  if (!full && !short.ok) {
    input.setAttribute('aria-invalid', 'true');
    if (short.error === 'character') showMessage(output, 'results.receipt.character', { character: short.character }, 'error');
    else showMessage(output, 'results.receipt.malformed', { count: short.length }, 'error');
    input.focus();
    return;
  }
  const asked = full ?? short.short;
  input.removeAttribute('aria-invalid');
  setBusy(form, true);
  let answer;
  try {
    answer = await api.get(`/public/congresses/${segment(congressId)}/receipts/${segment(asked)}`);
  } catch (error) {
    setBusy(form, false);
    if (error instanceof ApiError && error.status === 404) showMessage(output, 'results.receipt.notFound', {}, 'error');
    else if (error instanceof ApiError && error.code === 'round_open') showMessage(output, 'results.receipt.roundOpen', {}, 'warning');
    else showMessage(output, ...errorText(error, 'receipt'), 'error');
    return;
  }
  setBusy(form, false);
  // A short receipt stands for the full one the server found, if that one begins with it.
  const receipt = full ?? (typeof answer?.receipt === 'string' && /^[0-9a-f]{64}$/.test(answer.receipt) ? answer.receipt : '');
  if (!full && receipt && shortReceipt(receipt) !== short.short) {
    showMessage(output, 'results.receipt.failed', { reason: { key: 'results.receipt.reason.receipt' } }, 'error');
    return;
  }
  const checked = await checkInclusionProof(answer, { receipt, publicKey: published.public_key, congress: congressId });
  // The proof's tree head must also be the one published for its round.
  const publishedHead = published.rounds.find((r) => r.tree_head.round === answer.round)?.tree_head;
  if (checked.ok && publishedHead && JSON.stringify(publishedHead) !== JSON.stringify(answer.tree_head)) {
    checked.ok = false;
    checked.checks.push({ code: 'tree_head', ok: false });
  }
  if (checked.ok) {
    showMessage(
      output,
      'results.receipt.included',
      { round: checked.round, position: checked.position, size: checked.size, proof: checked.proof.length },
      'success',
    );
  } else {
    const failed = checked.checks.find((c) => !c.ok)?.code ?? 'inclusion';
    showMessage(output, 'results.receipt.failed', { reason: { key: `results.receipt.reason.${failed}` } }, 'error');
  }
  output.dataset.receipt = receipt;
  output.dataset.grouped = grouped(receipt);
  if (checked.ok && !full) {
    setText(byId('receipt-full'), 'results.receipt.full', { full: grouped(receipt) });
    byId('receipt-full').hidden = false;
  }
}

start();
