// Opening sealed rounds on the inspector page (docs/sealed-ballots.md §8, §9), and the challenged
// ballots (§7.1).
//
// For each closed round of a sealed congress, a panel: where the opening stands (the stage, the
// threshold, which trustee has decrypted which list) and, for a trustee, taking part: the page
// opens the trustee's key file with the passphrase typed here, checks the manifest's joint key
// and the trustee's public share against it, fetches the round's ballots, checks that their leaf
// hashes give the signed tree head, verifies every ballot (round-check.js, on every core), builds
// the list of the stage itself, decrypts it partially with a proof and posts it. The share stays
// in this module's memory only while the round may still need it (the write-ins wait for the
// totals of the other trustees), and is forgotten once this trustee's part is done, on another
// congress and on signing out; it is never stored nor sent. Once a round is opened, the panel
// shows its count.
//
// And for every round, the ballots challenged at a kiosk, by tracker: each opening checked here
// by sealing its choices again with the randomness it reveals, and the choices shown per contest,
// so that whoever challenged one can compare them with what the kiosk showed.

import { ApiError, api, errorText, segment } from '../shared/api.js';
import { byId, h, setBusy, isBusy, showMessage } from '../shared/dom.js';
import { readShortReceipt, shortReceipt } from '../shared/short-receipt.js';
import { roundContests } from '../shared/tally.js';
import { toHex } from '../shared/verifier/bytes.js';
import { canonicalBytes } from '../shared/verifier/jcs.js';
import { leafHash, leafHashes, root } from '../shared/verifier/merkle.js';
import { sha256 } from '../shared/verifier/sha.js';
import { checkOpening } from '../shared/sealed/ballot.js';
import { jointKey, publicShare, readCommitments } from '../shared/sealed/ceremony.js';
import { openKeyFile } from '../shared/sealed/keyfile.js';
import { TOTALS, WRITE_INS, combine, partialDecrypt, readCounts, secondOpeningList, verifyPartial } from '../shared/sealed/opening.js';
import { Point } from '../shared/sealed/ristretto.js';
import { systemRandom } from '../shared/sealed/random.js';
import { checkRound, linesOf, roundShapes } from './round-check.js';

/** The stages' messages, by the opening view's stage. */
const STAGES = {
  totals: 'inspect.opening.stage.totals',
  'write-ins': 'inspect.opening.stage.writeIns',
  opened: 'inspect.opening.stage.opened',
};
/** The steps' names, as parameters. */
const STEP_NAMES = { totals: 'inspect.opening.stepName.totals', 'write-ins': 'inspect.opening.stepName.writeIns' };
/** How a round's ballot failed, by verifyRound's problem. */
const BALLOT_PROBLEMS = {
  malformed: 'inspect.opening.error.malformed',
  proof: 'inspect.opening.error.proof',
  repeated: 'inspect.opening.error.repeated',
};
const MARKS = { for: 'kiosk.mark.for', against: 'kiosk.mark.against', abstain: 'kiosk.mark.abstain' };

/** A problem found here, said by its key: the page stops and tells the trustee. */
class Problem extends Error {
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

/**
 * The opening and challenged-ballot panels of the inspector page. `sessionEnded(error)` shows
 * the sign-in when a request found the session over. Returns `{ show(congress), refresh(rounds,
 * manifest), leave(), forget() }`: the page calls refresh() with the rounds of each poll.
 */
export function openingPanel({ sessionEnded }) {
  /** The congress shown: { id, name }. */
  let congress = null;
  /** Its frozen manifest (null before freezing) and the manifest hash. */
  let manifest = null;
  let manifestHash = null;
  /** Per round number: { round (RoundView), view (OpeningView), block (its elements) }. */
  const rounds = new Map();
  /**
   * The trustee's work on a round: { congress, round, trustee, setup, read (the commitments),
   * secret, share (public), shapes, ballots, first, bound, timing }; null when none.
   */
  let run = null;
  /** Whether a step is under way (steps run one at a time, whatever the poll does). */
  let working = false;
  /**
   * Counts the partial decryptions posted: a view read before the latest was posted is older
   * than the answer to it, and is dropped (it would lack this trustee's own partial).
   */
  let posts = 0;
  /** Per round number: the challenged ballots as checked, by tracker hex; and whether final. */
  const challenged = new Map();

  byId('challenge-search').addEventListener('input', search);

  function path(number, rest = '') {
    return `/congresses/${segment(congress.id)}/rounds/${number}${rest}`;
  }

  /** Follows `chosen`; work on another congress is abandoned. */
  function show(chosen) {
    if (run && run.congress !== chosen.id) forgetShare();
    congress = chosen;
    manifest = null;
    manifestHash = null;
    rounds.clear();
    challenged.clear();
    byId('opening-rounds').replaceChildren();
    byId('challenge-list').replaceChildren();
    byId('opening').hidden = true;
    byId('challenges').hidden = true;
    byId('challenge-search').value = '';
    showMessage(byId('challenge-search-result'), null);
  }

  /** Takes the rounds of a poll in: each closed round's opening, and every challenged ballot. */
  async function refresh(roundViews, frozen) {
    if (!congress || !frozen?.sealing) return;
    const asked = congress;
    if (manifest !== frozen) {
      manifest = frozen;
      manifestHash = toHex(await sha256(canonicalBytes(frozen)));
    }
    const closed = roundViews.filter((r) => !r.open);
    byId('opening').hidden = closed.length === 0;
    byId('challenges').hidden = roundViews.length === 0;
    for (const round of closed) {
      const known = rounds.get(round.number);
      // An opened round stays opened: it is read once.
      if (known?.view?.stage === 'opened' && known.round.result) continue;
      let view;
      const before = posts;
      try {
        view = await api.get(path(round.number, '/opening'));
      } catch (error) {
        if (congress !== asked || sessionEnded(error)) return;
        showMessage(known?.block.error ?? byId('page-error'), ...errorText(error, 'inspect'), 'error');
        continue;
      }
      if (congress !== asked) return;
      if (posts !== before) continue;
      await received(round, view);
    }
    await refreshChallenges(roundViews, asked);
  }

  /** An opening view in: shown, and the trustee's next step done if the stage now allows one. */
  async function received(round, view) {
    const entry = rounds.get(round.number) ?? { block: roundBlock(round.number) };
    entry.round = round;
    entry.view = view;
    rounds.set(round.number, entry);
    render(entry);
    if (run && run.round === round.number && !working) await advance();
  }

  // ---- What a round's panel shows ----

  function roundBlock(number) {
    const id = (part) => `opening-${number}-${part}`;
    const file = h('input', { id: id('file'), attrs: { type: 'file', accept: '.json,application/json', 'aria-describedby': id('file-hint') } });
    const passphrase = h('input', { id: id('passphrase'), attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false' } });
    const form = h(
      'form',
      { class: 'narrow', attrs: { novalidate: true, 'data-opening-form': '' }, on: { submit: (event) => takePart(number, event) } },
      h(
        'div',
        { class: 'field' },
        h('label', { attrs: { for: id('file') }, text: 'inspect.opening.file' }),
        file,
        h('p', { id: id('file-hint'), class: 'hint', text: 'inspect.opening.fileHint' }),
      ),
      h('div', { class: 'field' }, h('label', { attrs: { for: id('passphrase') }, text: 'inspect.opening.passphrase' }), passphrase),
      h('div', { class: 'actions' }, h('button', { class: 'button primary', attrs: { type: 'submit' }, text: 'inspect.opening.submit' })),
    );
    const block = {
      section: null,
      stage: h('p', { class: 'message', attrs: { role: 'status', 'data-opening-stage': '' } }),
      progress: h('div'),
      work: h('div', { hidden: true }, h('p', { class: 'message', attrs: { 'data-kind': 'warning' }, text: 'inspect.opening.keepOpen' }), form),
      form,
      file,
      passphrase,
      status: h('p', { class: 'message', attrs: { role: 'status', 'data-opening-status': '' }, hidden: true }),
      timing: h('ul', { class: 'hint opening-timing', attrs: { 'data-opening-timing': '' }, hidden: true }),
      error: h('p', { class: 'message', attrs: { role: 'alert', 'data-kind': 'error' }, hidden: true }),
      result: h('div', { hidden: true, attrs: { 'data-opening-result': '' } }),
    };
    block.section = h(
      'section',
      { class: 'opening-round', attrs: { 'data-round': number, 'aria-labelledby': id('heading') } },
      h('h3', { id: id('heading'), text: ['inspect.opening.round', { number }] }),
      block.stage,
      block.progress,
      block.work,
      block.status,
      block.timing,
      block.error,
      block.result,
    );
    // The latest round first.
    const list = byId('opening-rounds');
    const later = [...list.children].find((el) => Number(el.dataset.round) < number);
    list.insertBefore(block.section, later ?? null);
    return block;
  }

  function render({ round, view, block }) {
    const done = (step) => view.trustees.filter((x) => x.done.includes(step)).length;
    const stageKey = STAGES[view.stage];
    if (stageKey) {
      const step = view.stage === 'write-ins' ? WRITE_INS : TOTALS;
      showMessage(block.stage, stageKey, { done: done(step), threshold: view.threshold, ballots: view.ballots }, view.stage === 'opened' ? 'success' : 'info');
    }
    block.section.dataset.stage = view.stage;
    block.progress.replaceChildren(trusteeTable(view));
    const mine = view.trustees.find((x) => x.trustee === view.you);
    const pending = (view.stage === 'totals' || view.stage === 'write-ins') && mine && !mine.done.includes(view.stage);
    // The form is offered until this page holds the share for the round.
    block.work.hidden = !(pending && !(run && run.round === round.number));
    if (view.stage === 'opened' && round.result) {
      block.result.hidden = false;
      if (!block.result.dataset.shown) {
        block.result.dataset.shown = 'true';
        block.result.replaceChildren(
          h(
            'p',
            {},
            h('a', { attrs: { href: `/results/${segment(congress.id)}` }, text: 'inspect.opening.resultsLink' }),
          ),
          ...roundContests(round.result, { level: 'h4', manifest }),
        );
      }
    }
  }

  function trusteeTable(view) {
    const cell = (member, step) => {
      const done = member.done.includes(step);
      return h('td', { class: done ? 'step-done' : 'step-waiting', attrs: { 'data-step': step, 'data-done': String(done) }, text: done ? 'ceremony.done' : 'ceremony.waiting' });
    };
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { attrs: { 'data-table': 'opening' } },
        h('caption', { text: ['inspect.opening.caption', { trustees: view.trustees.length, threshold: view.threshold }] }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'number', attrs: { scope: 'col' }, text: 'ceremony.column.trustee' }),
            h('th', { attrs: { scope: 'col' }, text: 'ceremony.column.name' }),
            h('th', { attrs: { scope: 'col' }, text: 'inspect.opening.step.totals' }),
            h('th', { attrs: { scope: 'col' }, text: 'inspect.opening.step.writeIns' }),
          ),
        ),
        h(
          'tbody',
          {},
          ...view.trustees.map((member) =>
            h(
              'tr',
              { attrs: { 'data-trustee': member.trustee, 'data-you': member.trustee === view.you ? 'true' : null } },
              h('td', { class: 'number', data: member.trustee }),
              h(
                'th',
                { attrs: { scope: 'row' } },
                h('span', { data: member.name, attrs: { lang: 'zh-CN' } }),
                member.trustee === view.you ? h('span', { class: 'ceremony-you', text: 'ceremony.you' }) : null,
              ),
              cell(member, TOTALS),
              cell(member, WRITE_INS),
            ),
          ),
        ),
      ),
    );
  }

  function status(block, key, params = {}, kind = 'info') {
    showMessage(block.status, key, params, kind);
  }

  function failed(block, error) {
    if (error instanceof Problem) {
      showMessage(block.error, error.key, error.params, 'error');
      return;
    }
    if (error instanceof ApiError) {
      if (sessionEnded(error)) return;
      showMessage(block.error, ...errorText(error, 'opening'), 'error');
      return;
    }
    showMessage(block.error, 'inspect.opening.error.local', { problem: error?.message ?? String(error) }, 'error');
  }

  // ---- Taking part ----

  /** The trustee's key file opened and checked, the round's ballots checked: the run starts. */
  async function takePart(number, event) {
    event.preventDefault();
    const entry = rounds.get(number);
    const { block } = entry;
    if (isBusy(block.form) || working || run) return;
    showMessage(block.error, null);
    const chosen = block.file.files?.[0];
    if (!chosen) {
      showMessage(block.error, 'inspect.opening.error.noFile', {}, 'error');
      block.file.focus();
      return;
    }
    if (!block.passphrase.value) {
      showMessage(block.error, 'inspect.opening.error.noPassphrase', {}, 'error');
      block.passphrase.focus();
      return;
    }
    working = true;
    setBusy(block.form, true);
    const started = performance.now();
    try {
      const opened = await openFile(block, chosen, block.passphrase.value, entry.view);
      block.passphrase.value = '';
      const keyMs = performance.now() - started;
      const checked = await checkBallots(block, entry.round);
      run = { congress: congress.id, round: number, ...opened, ...checked, started, phases: { key: keyMs, ...checked.phases } };
      block.work.hidden = true;
    } catch (error) {
      showMessage(block.status, null);
      failed(block, error);
      return;
    } finally {
      block.passphrase.value = '';
      setBusy(block.form, false);
      working = false;
    }
    await advance();
  }

  /** The key file read with the passphrase and checked against the manifest and the trustee. */
  async function openFile(block, chosen, passphrase, view) {
    status(block, 'inspect.opening.status.reading');
    let json;
    try {
      json = JSON.parse(await chosen.text());
    } catch {
      throw new Problem('inspect.opening.error.file');
    }
    let opened;
    try {
      opened = await openKeyFile(json, passphrase);
    } catch (error) {
      throw new Problem(/wrong passphrase/.test(error.message) ? 'inspect.opening.error.passphrase' : 'inspect.opening.error.file');
    }
    status(block, 'inspect.opening.status.manifest');
    const sealing = manifest.sealing;
    if (opened.congress !== congress.id || opened.jointKey.toHex() !== sealing.joint_key || opened.n !== sealing.trustees.length || opened.t !== sealing.threshold) {
      throw new Problem('inspect.opening.error.otherCongress');
    }
    if (opened.trustee !== view.you) throw new Problem('inspect.opening.error.otherTrustee', { file: opened.trustee, you: view.you });
    const setup = { congress: congress.id, n: sealing.trustees.length, t: sealing.threshold };
    let read;
    try {
      read = await readCommitments(setup, sealing.commitments);
    } catch {
      throw new Problem('inspect.opening.error.jointKey');
    }
    // The manifest's key must be the ceremony's, and the file's share this trustee's part of it.
    if (jointKey(read).toHex() !== sealing.joint_key || !publicShare(read, opened.trustee).equals(opened.publicShare)) {
      throw new Problem('inspect.opening.error.jointKey');
    }
    return { trustee: opened.trustee, secret: opened.secret, share: opened.publicShare, setup, read };
  }

  /**
   * The round's ballots, fetched and checked: of the manifest served, giving the signed tree
   * head, every one verified; with the first opening list built from them.
   */
  async function checkBallots(block, round) {
    if (round.definition.manifest_hash !== manifestHash) throw new Problem('inspect.opening.error.manifest');
    status(block, 'inspect.opening.status.ballots');
    const fetching = performance.now();
    const listed = await api.get(path(round.number, '/sealed-ballots'), { timeoutMs: 120000 });
    const fetchMs = performance.now() - fetching;
    const leaves = listed.ballots;
    const head = round.tree_head;
    if (leaves.some((leaf) => leaf.congress !== congress.id || leaf.round !== round.number)) throw new Problem('inspect.opening.error.treeHead');
    const hashing = performance.now();
    const hashes = await leafHashes((i) => canonicalBytes(leaves[i]), leaves.length);
    if (!head || (await root(hashes)) !== head.root || leaves.length !== head.size) throw new Problem('inspect.opening.error.treeHead');
    const treeMs = performance.now() - hashing;
    const shapes = roundShapes(round.definition);
    const ballots = leaves.map((leaf) => ({ salt: leaf.salt, sections: leaf.sealed }));
    const context = { manifestHash, round: round.number };
    status(block, 'inspect.opening.status.verifying', { done: 0, total: ballots.length });
    const verifying = performance.now();
    let shown = 0;
    const checked = await checkRound(shapes, ballots, context, manifest.sealing.joint_key, {
      onProgress: ({ done, total }) => {
        if (done - shown < 16 && done !== total) return;
        shown = done;
        status(block, 'inspect.opening.status.verifying', { done, total });
      },
    });
    const verifyMs = performance.now() - verifying;
    if (!checked.ok) {
      const at = /^ballot (\d+)/.exec(checked.place);
      throw new Problem(BALLOT_PROBLEMS[checked.problem] ?? 'inspect.opening.error.proof', { ballot: at ? Number(at[1]) + 1 : '?' });
    }
    const seats = Math.max(0, ...shapes.map((s) => s.seats));
    return { shapes, ballots, context, first: checked.first, bound: Math.max(ballots.length, seats), verifyMs, phases: { fetch: fetchMs, tree: treeMs, verify: verifyMs } };
  }

  /** Does every step the round's stage allows now, then forgets the share once it is not needed. */
  async function advance() {
    if (!run || working) return;
    const entry = rounds.get(run.round);
    if (!entry) return;
    working = true;
    const { block } = entry;
    try {
      for (let guard = 0; guard < 3 && run; guard += 1) {
        const view = entry.view;
        const mine = view.trustees.find((x) => x.trustee === run.trustee);
        const stage = view.stage;
        if (stage === 'opened' || (stage === 'write-ins' && mine.done.includes(WRITE_INS))) {
          forgetShare();
          status(block, 'inspect.opening.status.done', {}, 'success');
          break;
        }
        if (stage !== TOTALS && stage !== WRITE_INS) break;
        if (mine.done.includes(stage)) {
          status(block, 'inspect.opening.status.waiting', {}, 'warning');
          break;
        }
        const answer = await step(block, view, stage);
        entry.view = answer;
        render(entry);
      }
    } catch (error) {
      failed(block, error);
      // A share that could not be used here is not kept.
      forgetShare();
      block.work.hidden = false;
      render(entry);
    } finally {
      working = false;
    }
  }

  /** Decrypts the stage's list partially, with its proof, and posts it; resolves to the view. */
  async function step(block, view, stage) {
    // The first step is timed from the key file's opening, with the ballots' verification; a
    // later one from its own start.
    const first = Boolean(run.verifyMs);
    const begun = first ? run.started : performance.now();
    const phases = first ? run.phases : {};
    let at = performance.now();
    const list = stage === TOTALS ? run.first : await writeInList(view);
    phases.list = performance.now() - at;
    status(block, 'inspect.opening.status.decrypting', { step: { key: STEP_NAMES[stage] }, count: list.ciphertexts.length });
    at = performance.now();
    const partial = await partialDecrypt(run.context, stage, run.trustee, run.secret, run.share, list.ciphertexts, systemRandom);
    phases.decrypt = performance.now() - at;
    status(block, 'inspect.opening.status.posting', { step: { key: STEP_NAMES[stage] } });
    at = performance.now();
    const answer = await api.post(path(run.round, '/partials'), partial, { timeoutMs: 120000 });
    phases.post = performance.now() - at;
    posts += 1;
    const total = performance.now() - begun;
    const seconds = (ms) => Number((ms / 1000).toFixed(1));
    const timing = h('li', {
      attrs: {
        'data-step': stage,
        'data-elapsed-ms': Math.round(total),
        'data-verify-ms': Math.round(run.verifyMs),
        'data-ballots': run.ballots.length,
        'data-entries': list.ciphertexts.length,
        // Where the time went, for whoever measures it: key file, fetch, tree, verify, list, decrypt, post.
        'data-phases': JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]))),
      },
      text: [run.verifyMs ? 'inspect.opening.timing.first' : 'inspect.opening.timing.next', { step: { key: STEP_NAMES[stage] }, seconds: seconds(total), verify: seconds(run.verifyMs), ballots: run.ballots.length }],
    });
    block.timing.hidden = false;
    block.timing.append(timing);
    status(block, 'inspect.opening.status.posted', { step: { key: STEP_NAMES[stage] } }, 'success');
    run.verifyMs = 0;
    return answer;
  }

  /**
   * The second list (§9), from the first list's counts combined here from the trustees' posted
   * partial decryptions of the totals, each checked against its trustee's public share.
   */
  async function writeInList(view) {
    const partials = new Map();
    for (const posted of view.partials?.totals ?? []) {
      if (!Number.isInteger(posted.trustee) || posted.trustee < 1 || posted.trustee > run.setup.n) continue;
      const points = await verifyPartial(run.context, TOTALS, publicShare(run.read, posted.trustee), run.first.ciphertexts, posted);
      if (points) partials.set(posted.trustee, points);
    }
    if (partials.size < run.setup.t) throw new Problem('inspect.opening.error.partials');
    let counts;
    try {
      counts = readCounts(combine(run.first.ciphertexts, partials), run.bound);
    } catch {
      throw new Problem('inspect.opening.error.partials');
    }
    const second = secondOpeningList(run.shapes, linesOf(run.ballots, run.first, counts), run.first, counts);
    if (second.ciphertexts.length === 0) throw new Problem('inspect.opening.error.partials');
    return second;
  }

  /** Drops the share and the round's ballots. */
  function forgetShare() {
    if (!run) return;
    run.secret = 0n;
    run.ballots = null;
    run = null;
  }

  // ---- Challenged ballots ----

  /**
   * Every round's challenged ballots, checked as they come: an open round's list is read at
   * each poll, a closed one's once more (no ballot is challenged after closing).
   */
  async function refreshChallenges(roundViews, asked) {
    let changed = false;
    for (const round of roundViews) {
      const known = challenged.get(round.number);
      if (known?.final) continue;
      let listed;
      try {
        listed = await api.get(path(round.number, '/sealed-ballots'), { timeoutMs: 120000 });
      } catch (error) {
        if (congress !== asked || sessionEnded(error)) return;
        continue;
      }
      if (congress !== asked) return;
      const entry = known ?? { final: false, ballots: new Map() };
      entry.final = !round.open;
      for (const spoiled of listed.spoiled) {
        const hex = toHex(await leafHash(canonicalBytes(spoiled.ballot)));
        if (entry.ballots.has(hex)) continue;
        entry.ballots.set(hex, await checkChallenge(round, spoiled, hex));
        changed = true;
      }
      challenged.set(round.number, { ...entry, round });
    }
    if (changed || !byId('challenge-list').childElementCount) renderChallenges();
  }

  /** A challenged ballot's opening checked: { tracker, receipt, holds, marks }. */
  async function checkChallenge(round, spoiled, receipt) {
    const tracker = shortReceipt(receipt);
    const leaf = spoiled.ballot;
    if (leaf.congress !== congress.id || leaf.round !== round.number || round.definition.manifest_hash !== manifestHash) {
      return { tracker, receipt, holds: false };
    }
    try {
      const marks = await checkOpening(
        roundShapes(round.definition),
        { salt: leaf.salt, sections: leaf.sealed },
        spoiled.opening,
        { manifestHash, round: round.number },
        Point.fromHex(manifest.sealing.joint_key),
      );
      return { tracker, receipt, holds: true, marks };
    } catch {
      return { tracker, receipt, holds: false };
    }
  }

  function renderChallenges() {
    const list = byId('challenge-list');
    const numbers = [...challenged.keys()].sort((a, b) => b - a);
    const groups = numbers
      .map((number) => challenged.get(number))
      .filter((entry) => entry.ballots.size > 0)
      .map(({ round, ballots }) =>
        h(
          'section',
          { class: 'challenge-round', attrs: { 'data-round': round.number, 'aria-labelledby': `challenges-${round.number}-heading` } },
          h('h3', { id: `challenges-${round.number}-heading`, text: ['inspect.challenges.round', { number: round.number, count: ballots.size }] }),
          h('ul', { class: 'challenge-list' }, ...[...ballots.values()].sort((a, b) => a.tracker.localeCompare(b.tracker)).map((c) => challengeItem(round, c))),
        ),
      );
    if (groups.length === 0) list.replaceChildren(h('p', { text: 'inspect.challenges.none' }));
    else list.replaceChildren(...groups);
    search();
  }

  function challengeItem(round, checked) {
    const item = h(
      'li',
      { class: 'challenge', attrs: { 'data-tracker': checked.tracker, 'data-holds': String(checked.holds) } },
      h('p', { class: 'challenge-tracker' }, h('span', { text: 'inspect.challenges.tracker' }), ' ', h('span', { class: 'hash hash-large', data: checked.tracker })),
      h('p', {
        class: 'message',
        attrs: { 'data-kind': checked.holds ? 'success' : 'error' },
        text: checked.holds ? 'inspect.challenges.holds' : 'inspect.challenges.fails',
      }),
    );
    if (checked.holds) {
      for (const contest of round.definition.contests) {
        const marks = checked.marks[contest.id];
        if (marks) item.append(choicesTable(contest, marks));
      }
    }
    return item;
  }

  /** A contest's choices on a challenged ballot: each candidate's mark, then the names written in. */
  function choicesTable(contest, marks) {
    const title = manifest.contests?.find((c) => c.id === contest.id)?.title ?? contest.id;
    const markOf = (id) => (marks.for.includes(id) ? 'for' : marks.against.includes(id) ? 'against' : 'abstain');
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'choices', attrs: { 'data-table': 'choices', 'data-contest': contest.id } },
        h('caption', { text: ['inspect.challenges.caption', { title }] }),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { attrs: { scope: 'col' }, text: 'inspect.challenges.candidate' }), h('th', { attrs: { scope: 'col' }, text: 'inspect.challenges.choice' })),
        ),
        h(
          'tbody',
          {},
          ...contest.candidates.map((candidate) =>
            h(
              'tr',
              { attrs: { 'data-candidate': candidate.id, 'data-mark': markOf(candidate.id) } },
              h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: candidate.name }),
              h('td', { text: MARKS[markOf(candidate.id)] }),
            ),
          ),
          ...marks.write_ins.map((name) =>
            h(
              'tr',
              { attrs: { 'data-candidate': `write-in:${name}`, 'data-mark': 'for' } },
              h('th', { attrs: { scope: 'row', lang: 'zh-CN' }, data: name }),
              h('td', { text: 'inspect.challenges.writtenIn' }),
            ),
          ),
        ),
      ),
    );
  }

  /** Shows only the challenged ballot whose tracker is typed in the search box. */
  function search() {
    const input = byId('challenge-search');
    const result = byId('challenge-search-result');
    const items = [...byId('challenge-list').querySelectorAll('[data-tracker]')];
    const typed = input.value.trim();
    if (!typed) {
      for (const item of items) item.hidden = false;
      for (const group of byId('challenge-list').querySelectorAll('.challenge-round')) group.hidden = false;
      showMessage(result, null);
      return;
    }
    const reading = readShortReceipt(typed);
    if (!reading.ok) {
      // Still typing: show every ballot whose tracker begins so.
      const prefix = typed.toUpperCase().replace(/[\s-]/g, '');
      for (const item of items) item.hidden = !item.dataset.tracker.replace(/-/g, '').startsWith(prefix);
    } else {
      for (const item of items) item.hidden = item.dataset.tracker !== reading.short;
    }
    for (const group of byId('challenge-list').querySelectorAll('.challenge-round')) {
      group.hidden = ![...group.querySelectorAll('[data-tracker]')].some((item) => !item.hidden);
    }
    const shown = items.filter((item) => !item.hidden).length;
    if (reading.ok) {
      showMessage(result, shown ? 'inspect.challenges.found' : 'inspect.challenges.notFound', { tracker: reading.short }, shown ? 'success' : 'warning');
    } else {
      showMessage(result, 'inspect.challenges.matching', { count: shown }, 'info');
    }
  }

  /** Stops following (the poll is the page's own). */
  function leave() {
    congress = null;
  }

  /** Forgets everything on signing out. */
  function forget() {
    forgetShare();
    congress = null;
    rounds.clear();
    challenged.clear();
    byId('opening').hidden = true;
    byId('challenges').hidden = true;
    byId('opening-rounds').replaceChildren();
    byId('challenge-list').replaceChildren();
  }

  return { show, refresh, leave, forget };
}
