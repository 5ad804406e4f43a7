// The key ceremony of sealed ballots on the inspector page (docs/sealed-ballots.md §5, §6): every
// trustee's progress, read from the server and refreshed with the page's poll; and, for an
// inspector who is a trustee, taking part — the page draws the trustee's secrets, posts step 1,
// then carries out each next step by itself as soon as the stage allows (shares, checks, answers
// to complaints against it), and when the joint key is known computes the secret share, writes
// the key file under a passphrase the trustee chooses, offers it as a download, and posts the
// holding proof once the file is taken.
//
// The secrets live only in this module's memory, never in storage: a page closed before the end
// loses them, and the organiser must restart the ceremony. They are forgotten when the holding
// proof is in, when the ceremony is restarted, on another congress and on signing out.

import { ApiError, api, errorText, segment } from '../shared/api.js';
import { byId, h, setData, showMessage } from '../shared/dom.js';
import { ceremonyProgress, stageText } from '../shared/ceremony-view.js';
import { grouped } from '../shared/verifier/bytes.js';
import { fingerprint } from '../shared/verifier/verify.js';
import {
  answerComplaint,
  checksMessage,
  commit,
  forget as forgetSecrets,
  holdingMessage,
  jointKey,
  publicShare,
  readCommitments,
  makeShares,
  receiveShare,
  secretShare,
  shareFor,
  sharesHeld,
} from '../shared/sealed/ceremony.js';
import { MIN_PASSPHRASE_CHARS, writeKeyFile } from '../shared/sealed/keyfile.js';
import { systemRandom } from '../shared/sealed/random.js';

/** Refusals whose server message says which proof or share did not check. */
const EXPLAINED = new Set(['bad_message']);

/**
 * The ceremony panel of the inspector page. `sessionEnded(error)` shows the sign-in when a
 * request found the session over. Returns `{ show(congress), refresh(), leave(), forget() }`:
 * the page calls refresh() with each poll of its own.
 */
export function ceremonyPanel({ sessionEnded }) {
  /** The congress shown: { id, name }. */
  let congress = null;
  /** The last CeremonyView the server gave. */
  let view = null;
  /**
   * The ceremony this page takes part in: { congress, trustee, setup, secrets, received (the
   * shares accepted, by dealer), posted: { commitment, shares, checks, answers: Set, holding },
   * made (messages made, kept until posted), secret (s_ℓ), keyFile, taken (the file's download
   * was pressed), done }; null when it takes no part.
   */
  let run = null;
  /** Whether a step is under way (steps run one at a time, whatever the poll does). */
  let working = false;
  /**
   * Counts the messages posted: a view read before the latest was posted is older than the
   * answer to it, and is dropped (it would lack this trustee's own message).
   */
  let posts = 0;
  /** The object URL of the key file's download. */
  let fileUrl = null;
  /** The joint key whose fingerprint is shown, so that it is computed once. */
  let shownKey = null;

  byId('ceremony-start').addEventListener('click', takePart);
  byId('ceremony-passphrase').addEventListener('submit', writeFile);
  byId('ceremony-download-link').addEventListener('click', () => {
    if (!run?.keyFile) return;
    run.taken = true;
    // After the browser has had the click, so that the download starts first.
    setTimeout(advance, 0);
  });

  function path(rest = '') {
    return `/congresses/${segment(congress.id)}/ceremony${rest}`;
  }

  /**
   * Follows the ceremony of `chosen` (read by the next refresh); a ceremony of another congress
   * is abandoned.
   */
  function show(chosen) {
    if (run && run.congress !== chosen.id) {
      abandon();
      showMessage(byId('ceremony-status'), null);
    }
    congress = chosen;
    view = null;
    shownKey = null;
    byId('ceremony').hidden = true;
    showMessage(byId('ceremony-error'), null);
  }

  /** Reads the ceremony again and does the next step if it is this trustee's turn. */
  async function refresh() {
    if (!congress) return;
    const asked = congress;
    const before = posts;
    let read;
    try {
      read = await api.get(path());
    } catch (error) {
      if (congress !== asked) return;
      if (sessionEnded(error)) return;
      // A server without sealed ballots has no ceremony to show.
      if (error instanceof ApiError && error.code === 'not_found' && !view) {
        byId('ceremony').hidden = true;
        return;
      }
      showError(error);
      return;
    }
    if (congress !== asked || working || posts !== before) return;
    await received(read);
  }

  /** Takes a CeremonyView in: shows it, notices a restart, goes on with the steps. */
  async function received(read) {
    view = read;
    if (run && !sameCeremony(read)) {
      abandon();
      showMessage(byId('ceremony-status'), 'inspect.ceremony.status.restarted', {}, 'warning');
    }
    await render();
    if (run && !working) await advance();
  }

  /**
   * Whether `read` is still the ceremony this page takes part in: the same trustee number and
   * setup, and its own step-1 message there once posted (saving the trustees or restarting
   * clears every message).
   */
  function sameCeremony(read) {
    if (read.congress !== run.congress || read.you !== run.trustee) return false;
    if (read.trustees !== run.setup.n || read.threshold !== run.setup.t) return false;
    if (!run.posted.commitment) return true;
    const mine = read.commitments.find((m) => m.trustee === run.trustee);
    // The transport key is drawn afresh for each ceremony: it tells this page's step 1 apart.
    return mine?.transport_key === run.posted.commitment.transport_key;
  }

  // ---- What the panel shows ----

  async function render() {
    const panel = byId('ceremony');
    if (!view || view.stage === 'none') {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    const stage = stageText(view);
    showMessage(byId('ceremony-stage'), stage.key, stage.params, stage.kind);
    byId('ceremony-progress').replaceChildren(...ceremonyProgress(view));
    await renderKey();
    renderWork();
  }

  async function renderKey() {
    const box = byId('ceremony-key');
    const key = view.joint_key;
    if (!key) {
      box.hidden = true;
      shownKey = null;
      return;
    }
    if (shownKey !== key) {
      shownKey = key;
      const print = await fingerprint(key);
      if (shownKey !== key) return;
      const shown = byId('ceremony-fingerprint');
      shown.dataset.fingerprint = print;
      shown.dataset.key = key;
      setData(shown, grouped(print));
    }
    box.hidden = false;
  }

  /** What a trustee can do here: take part, or follow its own steps. */
  function renderWork() {
    const work = byId('ceremony-work');
    const open = !view.frozen && view.stage !== 'complete';
    const trustee = view.you !== null && view.you !== undefined;
    work.hidden = !(trustee && (open || run));
    if (work.hidden) return;
    const mineOnServer = view.commitments.some((m) => m.trustee === view.you);
    const held = view.holdings.some((m) => m.trustee === view.you);
    // A step 1 on the server that this page did not make: made by a page closed since.
    const lost = !run && mineOnServer && !held && open;
    const start = byId('ceremony-start');
    start.hidden = Boolean(run) || !open || mineOnServer || view.stage !== 'commitments';
    byId('ceremony-keep').hidden = !((run && !run.done) || !start.hidden);
    const shown = byId('ceremony-status');
    if (lost) showMessage(shown, 'inspect.ceremony.status.lost', {}, 'warning');
    else if (shown.dataset.i18n === 'inspect.ceremony.status.lost') showMessage(shown, null);
    byId('ceremony-passphrase').hidden = !(run && run.needsPassphrase && !run.keyFile);
    byId('ceremony-download').hidden = !run?.keyFile;
    // Once the holding is in, the file may be saved again, but the page no longer waits for it.
    byId('ceremony-save-note').hidden = Boolean(run?.done);
  }

  function status(key, params, kind = 'info') {
    showMessage(byId('ceremony-status'), key, params, kind);
  }

  function showError(error) {
    const box = byId('ceremony-error');
    showMessage(box, ...errorText(error, 'ceremony'), 'error');
    if (error instanceof ApiError && EXPLAINED.has(error.code) && error.message) {
      box.append(' ', h('span', { text: 'inspect.ceremony.serverSays' }), ' ', h('span', { data: error.message, attrs: { lang: 'en' } }));
    }
  }

  function showProblem(key, params) {
    showMessage(byId('ceremony-error'), key, params, 'error');
  }

  // ---- Taking part ----

  async function takePart() {
    const button = byId('ceremony-start');
    if (button.getAttribute('aria-disabled') === 'true' || run || working || !view || view.you === null) return;
    button.setAttribute('aria-disabled', 'true');
    working = true;
    showMessage(byId('ceremony-error'), null);
    const setup = { congress: view.congress, n: view.trustees, t: view.threshold };
    try {
      const { message, secrets } = await commit(setup, view.you, systemRandom);
      run = {
        congress: view.congress,
        trustee: view.you,
        setup,
        secrets,
        received: new Map(),
        posted: { commitment: null, shares: null, checks: null, answers: new Set(), holding: null },
        made: {},
        needsPassphrase: false,
        keyFile: null,
        taken: false,
        secret: null,
      };
      status('inspect.ceremony.status.committing');
      await post('/commitment', message, () => (run.posted.commitment = message));
      status('inspect.ceremony.status.committed');
    } catch (error) {
      failed(error);
    } finally {
      button.removeAttribute('aria-disabled');
      working = false;
    }
    await render();
    await advance();
  }

  /**
   * Posts a message of this trustee's and takes the answer (a CeremonyView) in; `done()` notes
   * it as posted first, so that a restart noticed in the answer is told apart.
   */
  async function post(rest, message, done) {
    const answer = await api.post(path(rest), message);
    posts += 1;
    done();
    view = answer;
    showMessage(byId('ceremony-error'), null);
  }

  /** A failure while taking part: the sign-in, a refusal in the reader's language, or a local problem. */
  function failed(error) {
    if (error instanceof ApiError) {
      if (sessionEnded(error)) return;
      showError(error);
      return;
    }
    showProblem('inspect.ceremony.localError', { problem: error?.message ?? String(error) });
  }

  /** Does every step the stage allows now, one after the other. */
  async function advance() {
    if (!run || working || !view) return;
    working = true;
    try {
      for (let guard = 0; guard < 8 && run; guard += 1) {
        if (!sameCeremony(view)) {
          abandon();
          status('inspect.ceremony.status.restarted', {}, 'warning');
          break;
        }
        const did = await step();
        if (!did) break;
      }
    } catch (error) {
      failed(error);
    } finally {
      working = false;
    }
    await render();
  }

  /** The next step, if the stage allows one; resolves to whether it did something. */
  async function step() {
    const { setup, posted } = run;
    const stage = view.stage;
    if (!posted.commitment || view.frozen) return false;
    if (stage === 'shares' && !posted.shares) {
      status('inspect.ceremony.status.sharing');
      // The message made is kept, so that a request whose answer was lost sends the same again.
      run.made.shares ??= await makeShares(setup, run.secrets, await readCommitments(setup, view.commitments), systemRandom);
      const message = run.made.shares;
      await post('/shares', message, () => (posted.shares = message));
      status('inspect.ceremony.status.shared');
      return true;
    }
    if (stage === 'checks' && !posted.checks) {
      status('inspect.ceremony.status.checking');
      run.made.checks ??= await checkShares(setup);
      const message = run.made.checks;
      await post('/checks', message, () => (posted.checks = message));
      if (message.complaints.length > 0) {
        status('inspect.ceremony.status.complained', { trustees: message.complaints.join(', ') }, 'warning');
      } else {
        status('inspect.ceremony.status.checked');
      }
      return true;
    }
    if (stage === 'checks' || stage === 'answers') {
      const against = (view.open_complaints ?? []).filter((c) => c.trustee === run.trustee && !posted.answers.has(c.accused_by));
      if (against.length > 0) {
        const { accused_by: accuser } = against[0];
        status('inspect.ceremony.status.answering', { trustee: accuser });
        const message = answerComplaint(run.secrets, accuser);
        await post('/answers', message, () => posted.answers.add(accuser));
        status('inspect.ceremony.status.answered', { trustee: accuser });
        return true;
      }
      return false;
    }
    if (stage === 'holdings' && !posted.holding) {
      if (run.secret === null) {
        await computeShare(setup);
        return run.secret !== null;
      }
      if (!run.keyFile) {
        if (!run.needsPassphrase) {
          run.needsPassphrase = true;
          status('inspect.ceremony.status.passphrase', {}, 'warning');
          await render();
          byId('ceremony-passphrase-first').focus();
        }
        return false;
      }
      if (!run.taken) return false;
      status('inspect.ceremony.status.holding');
      run.made.holding ??= await holdingMessage(setup, run.trustee, run.secret, systemRandom);
      const message = run.made.holding;
      await post('/holdings', message, () => (posted.holding = message));
      finish();
      status('inspect.ceremony.status.held', {}, 'success');
      return false;
    }
    return false;
  }

  /** Step 3: opens the share each other trustee sent, accepting it or accusing its dealer. */
  async function checkShares(setup) {
    const read = await readCommitments(setup, view.commitments);
    const accepted = [];
    const complaints = [];
    for (const dealer of read) {
      if (dealer.trustee === run.trustee) continue;
      const message = view.shares.find((m) => m.trustee === dealer.trustee);
      const share = message && shareFor(message, run.trustee);
      const got = share ? await receiveShare(setup, run.secrets, dealer.trustee, dealer.commitments, share) : { ok: false };
      if (got.ok) {
        run.received.set(dealer.trustee, got.value);
        accepted.push(dealer.trustee);
      } else {
        complaints.push(dealer.trustee);
      }
    }
    return checksMessage(run.trustee, accepted, complaints);
  }

  /**
   * The secret share from the shares accepted and the answers to this trustee's complaints,
   * checked against the public share; the joint key the server states is checked too.
   */
  async function computeShare(setup) {
    const read = await readCommitments(setup, view.commitments);
    if (jointKey(read).toHex() !== view.joint_key) {
      showProblem('inspect.ceremony.wrongJointKey');
      return;
    }
    const { values, missing } = sharesHeld(run.secrets, run.received, read, view.answers ?? []);
    if (missing.length > 0) {
      showProblem('inspect.ceremony.failedShares', { trustees: missing.join(', ') });
      return;
    }
    run.secret = secretShare(values, publicShare(read, run.trustee));
    values.fill(0n);
    run.read = read;
  }

  /** Writes the key file under the passphrase given twice, and offers it as a download. */
  async function writeFile(event) {
    event.preventDefault();
    const form = event.currentTarget;
    if (form.getAttribute('aria-busy') === 'true' || !run || run.secret === null || run.keyFile) return;
    const first = byId('ceremony-passphrase-first');
    const again = byId('ceremony-passphrase-again');
    const box = byId('ceremony-passphrase-error');
    showMessage(box, null);
    const short = [...first.value.normalize('NFC')].length < MIN_PASSPHRASE_CHARS;
    const problem = short ? 'inspect.ceremony.passphraseShort' : first.value !== again.value ? 'inspect.ceremony.passphraseMismatch' : null;
    if (problem) {
      showMessage(box, problem, { min: MIN_PASSPHRASE_CHARS }, 'error');
      (short ? first : again).focus();
      return;
    }
    form.setAttribute('aria-busy', 'true');
    form.querySelector('button').setAttribute('aria-disabled', 'true');
    status('inspect.ceremony.status.writing');
    try {
      const { setup, trustee, read } = run;
      run.keyFile = await writeKeyFile(
        { congress: setup.congress, trustee, n: setup.n, t: setup.t, jointKey: jointKey(read), publicShare: publicShare(read, trustee), secret: run.secret },
        first.value,
        systemRandom,
      );
    } catch (error) {
      failed(error);
      return;
    } finally {
      form.removeAttribute('aria-busy');
      form.querySelector('button').removeAttribute('aria-disabled');
      first.value = '';
      again.value = '';
    }
    const link = byId('ceremony-download-link');
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    fileUrl = URL.createObjectURL(new Blob([`${JSON.stringify(run.keyFile, null, 2)}\n`], { type: 'application/json' }));
    link.href = fileUrl;
    link.download = `trustee-${run.setup.congress}-${run.trustee}.json`;
    status('inspect.ceremony.status.save', {}, 'warning');
    await render();
    link.focus();
  }

  /** The holding proof is in: the secrets are forgotten, the key file stays to be saved again. */
  function finish() {
    forgetSecrets(run.secrets);
    for (const key of run.received.keys()) run.received.set(key, 0n);
    run.received.clear();
    run.secret = null;
    run.done = true;
  }

  /** Drops the ceremony this page takes part in, forgetting its secrets. */
  function abandon() {
    if (!run) return;
    if (!run.done) forgetSecrets(run.secrets);
    run.received.clear();
    run.secret = null;
    run = null;
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    fileUrl = null;
    byId('ceremony-download-link').setAttribute('href', '/');
    byId('ceremony-passphrase-first').value = '';
    byId('ceremony-passphrase-again').value = '';
  }

  /** Stops showing (the poll is the page's own). */
  function leave() {
    congress = null;
  }

  /** Forgets everything on signing out. */
  function forget() {
    abandon();
    congress = null;
    view = null;
    byId('ceremony').hidden = true;
    showMessage(byId('ceremony-status'), null);
    showMessage(byId('ceremony-error'), null);
  }

  return { show, refresh, leave, forget };
}
