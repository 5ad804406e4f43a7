// The key ceremony of sealed ballots in real Chromium against a real server: the organiser names
// three trustees (threshold two) in the console; three inspectors, each in a browser of their
// own, run the ceremony on the inspector page to the end and save their key files, which open
// with their passphrases; the setup then freezes, and the manifest's joint key is the sum of the
// trustees' constant commitments. Another inspector follows it read-only. Then a ceremony
// restarted from the console half-way through.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { t, translate } from '../../kiosk/shared/i18n.js';
import { IDENTITY, Point, openKeyFile } from '../../kiosk/shared/sealed/index.js';
import { fingerprint } from '../../kiosk/shared/verifier/verify.js';
import { grouped } from '../../kiosk/shared/verifier/bytes.js';
import * as api from './support/api.mjs';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { ConsolePage } from './pages/console-page.mjs';
import { InspectPage } from './pages/inspect-page.mjs';

const SUITE = 'ceremony';
/** The scrutineers: the three trustees, a scrutineer who is not one, and a teller. */
const SCRUTINEERS = [
  { number: 'D020', role: 'chief' },
  { number: 'D021', role: 'scrutineer' },
  { number: 'D022', role: 'scrutineer' },
  { number: 'D023', role: 'scrutineer' },
  { number: 'D024', role: 'teller' },
];
/** The trustees in their order, each with the inspector account bound to them. */
const TRUSTEES = [
  { scrutineer: 'D020', name: '谢芳', account: 'wang' },
  { scrutineer: 'D021', name: '韩冰', account: 'li' },
  { scrutineer: 'D022', name: '唐亮', account: 'zhao' },
];
const PASSPHRASES = ['瓦尔登湖 correct horse 1', 'battery staple 监票 two', 'third trustee passphrase'];

let server;
let browser;
let organiser;

before(async () => {
  server = await startServer(SUITE);
  for (const name of ['wang', 'li', 'zhao', 'zhou']) server.addUser('inspector', name);
  organiser = await api.signedIn(server.url, 'organiser', PASSWORD);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The courier union's congress, set up but not frozen, with SCRUTINEERS; resolves to its id. */
function unfrozenCongress(name) {
  return api.setUpCongress(organiser, { name, scrutineers: SCRUTINEERS });
}

/** An inspector signed in on the inspector page of congress `id`, in a browser context of their own. */
async function inspector(name, id) {
  const page = await newPage(browser, { suite: SUITE });
  page.setDefaultTimeout(20000);
  const inspect = new InspectPage(page, server.url);
  await inspect.open({ congress: id });
  await inspect.waitForView('view-signin');
  await inspect.signIn(name, PASSWORD);
  await inspect.waitForView('view-congress');
  await inspect.ceremony().waitFor({ state: 'visible' });
  return { page, inspect };
}

test('the organiser names three trustees in the console, and the threshold is a majority', async () => {
  const id = await unfrozenCongress('江城市快递员工会成立大会');
  const page = await newPage(browser, { suite: SUITE });
  page.setDefaultTimeout(20000);
  const console_ = new ConsolePage(page, server.url);
  await console_.open({ query: `&congress=${id}&section=trustees` });
  await console_.waitForView('view-signin');
  await console_.signIn('organiser', PASSWORD);
  await console_.waitForView('view-trustees');
  // Before any trustee is named, the freeze says from the start that it waits for them.
  await console_.section('freeze');
  const none = page.locator('#freeze-ceremony [data-ceremony="none"]');
  await none.waitFor();
  assert.equal(await none.locator('span').innerText(), t('console.freeze.noTrustees'));
  // The setup keeps the rules, and the check says the freeze still waits for the ceremony.
  const check = page.locator('#validation [data-ready="true"]');
  assert.equal(await check.getAttribute('data-kind'), 'warning');
  assert.equal(await check.innerText(), t('console.freeze.readyButCeremony'));
  await checkpoint(page, 'console-freeze-no-trustees');
  await none.locator('a').click();
  await console_.waitForView('view-trustees');
  // The chief scrutineer and the scrutineers are listed; the teller is not.
  const listed = await page.locator('#trustee-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.number));
  assert.deepEqual(listed, ['D020', 'D021', 'D022', 'D023']);
  for (const { scrutineer, name, account } of TRUSTEES) {
    await console_.field('console.trustees.pickLabel', { name, number: scrutineer }).check();
    await console_.field('console.trustees.accountLabel', { name, number: scrutineer }).selectOption(account);
  }
  assert.equal(await console_.field('console.trustees.threshold').inputValue(), '2');
  assert.equal(await page.locator('#trustee-threshold-hint').innerText(), t('console.trustees.thresholdHint', { t: 2, n: 3, lost: 1 }));
  await checkpoint(page, 'console-trustees-chosen');
  await console_.button('console.trustees.save').click();
  await page.getByText(t('console.trustees.saved', { count: 3, threshold: 2 })).waitFor();
  await page.locator('#trustee-ceremony-panel').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#trustee-ceremony-stage').getAttribute('data-i18n'), 'ceremony.stage.commitments');
  await checkpoint(page, 'console-trustees-saved');

  const saved = await organiser.expect(200, 'GET', `/congresses/${id}/trustees`);
  assert.equal(saved.threshold, 2);
  assert.deepEqual(
    saved.trustees.map((x) => [x.trustee, x.scrutineer, x.account]),
    TRUSTEES.map((x, i) => [i + 1, x.scrutineer, x.account]),
  );

  // The freeze waits for the ceremony, and says so; the server refuses too.
  await console_.section('freeze');
  await page.locator('#freeze-ceremony [data-ceremony="waiting"]').waitFor();
  await console_.button('console.freeze.submit').click();
  await console_.confirm(true);
  await page.locator('#freeze-error').getByText(t('error.ceremony_unfinished')).waitFor();
  await checkpoint(page, 'console-freeze-waits');

  // In 繁體中文 too.
  await page.getByRole('button', { name: '繁體中文', exact: true }).click();
  assert.equal(
    await page.locator('#freeze-ceremony [data-ceremony="waiting"] a').innerText(),
    translate('zh-TW', 'console.freeze.toCeremony'),
  );
  await checkpoint(page, 'console-freeze-waits-zh-TW');
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
  ceremonyCongress.id = id;
  ceremonyCongress.console = { page, console_ };
});

/** The congress of the first test, and its console, for the next. */
const ceremonyCongress = {};

test('three inspectors run the ceremony to the end on the inspector page; the setup freezes under the joint key', async () => {
  const { id, console: organiserConsole } = ceremonyCongress;
  assert.ok(id, 'the trustees were named');
  const trustees = [];
  for (const { account } of TRUSTEES) trustees.push(await inspector(account, id));
  const watcher = await inspector('zhou', id);

  // Everyone sees the progress; only a trustee may take part, and is told to keep the page open.
  await watcher.inspect.waitForCeremonyStage('ceremony.stage.commitments');
  assert.equal(await watcher.inspect.startButton().count(), 0);
  assert.equal(await watcher.page.locator('#ceremony-work').isVisible(), false);
  await checkpoint(watcher.page, 'inspect-ceremony-read-only');
  const first = trustees[0];
  await first.inspect.waitForCeremonyStage('ceremony.stage.commitments');
  assert.equal(await first.page.locator('#ceremony-keep').innerText(), t('inspect.ceremony.keepOpen'));
  assert.equal(await first.page.locator('#ceremony-progress tr[data-you="true"]').getAttribute('data-trustee'), '1');
  await checkpoint(first.page, 'inspect-ceremony-before');

  for (const { inspect } of trustees) await inspect.takePart();

  // Shares and checks go by themselves; each page then asks for a passphrase.
  const files = [];
  for (const [k, { page, inspect }] of trustees.entries()) {
    await page.locator('#ceremony-passphrase').waitFor({ state: 'visible', timeout: 120000 });
    if (k === 0) {
      await inspect.waitForCeremonyStage('ceremony.stage.holdings');
      assert.deepEqual(await inspect.ceremonyProgress(), { 1: ['commitment', 'shares', 'checks'], 2: ['commitment', 'shares', 'checks'], 3: ['commitment', 'shares', 'checks'] });
      await checkpoint(page, 'inspect-ceremony-passphrase');
      // A short passphrase, and two that differ, are refused here.
      await inspect.choosePassphrase('short');
      await page.locator('#ceremony-passphrase-error').getByText(t('inspect.ceremony.passphraseShort', { min: 12 })).waitFor();
      await inspect.choosePassphrase(PASSPHRASES[k], `${PASSPHRASES[k]}!`);
      await page.locator('#ceremony-passphrase-error').getByText(t('inspect.ceremony.passphraseMismatch')).waitFor();
    }
    await inspect.choosePassphrase(PASSPHRASES[k]);
    const download = await inspect.saveKeyFile();
    assert.equal(download.suggestedFilename(), `trustee-${id}-${k + 1}.json`);
    const path = join(server.artifacts, download.suggestedFilename());
    await download.saveAs(path);
    files.push(JSON.parse(readFileSync(path, 'utf8')));
    await inspect.ceremonyStatus().getByText(t('inspect.ceremony.status.held')).waitFor({ timeout: 30000 });
  }
  for (const { inspect } of [...trustees, watcher]) await inspect.waitForCeremonyStage('ceremony.stage.complete');
  await checkpoint(first.page, 'inspect-ceremony-complete');

  // Each key file opens with its passphrase only, and holds its trustee's share of the joint key.
  const view = await organiser.expect(200, 'GET', `/congresses/${id}/ceremony`);
  assert.equal(view.stage, 'complete');
  assert.equal(view.holdings.length, 3);
  for (const [k, file] of files.entries()) {
    const opened = await openKeyFile(file, PASSPHRASES[k]);
    assert.equal(opened.trustee, k + 1);
    assert.equal(opened.congress, id);
    assert.deepEqual([opened.n, opened.t], [3, 2]);
    assert.equal(opened.jointKey.toHex(), view.joint_key);
    assert.equal(opened.publicShare.toHex(), view.holdings.find((x) => x.trustee === k + 1).public_share);
    await assert.rejects(openKeyFile(file, PASSPHRASES[(k + 1) % 3]), /wrong passphrase/);
  }
  // The page kept nothing in the browser's storage.
  assert.deepEqual(await first.page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);

  // The setup freezes now, its manifest holding the joint key: the sum of the constant commitments.
  const { page, console_ } = organiserConsole;
  await console_.section('trustees');
  await page.locator('#trustee-ceremony-stage[data-i18n="ceremony.stage.complete"]').waitFor({ timeout: 30000 });
  await console_.section('freeze');
  await page.locator('#freeze-ceremony [data-ceremony="complete"]').waitFor();
  assert.equal(await page.locator('#validation [data-ready="true"]').innerText(), t('console.freeze.ready'));
  await console_.button('console.freeze.submit').click();
  await console_.confirm(true);
  await page.locator('#freeze-after').waitFor({ state: 'visible' });
  const manifest = await organiser.expect(200, 'GET', `/congresses/${id}/manifest`);
  const sum = manifest.sealing.commitments.reduce((k, m) => k.add(Point.fromHex(m.commitments[0])), IDENTITY);
  assert.equal(manifest.sealing.joint_key, sum.toHex());
  assert.equal(manifest.sealing.joint_key, view.joint_key);
  assert.equal(manifest.sealing.threshold, 2);
  assert.deepEqual(
    manifest.sealing.trustees.map((x) => [x.trustee, x.number, x.name]),
    TRUSTEES.map((x, i) => [i + 1, x.scrutineer, x.name]),
  );
  const print = await fingerprint(view.joint_key);
  assert.equal(
    (await page.locator('#freeze-hashes [data-figure="joint-key-fingerprint"] .hash-display').innerText()).replace(/\s/g, ''),
    print,
  );
  await checkpoint(page, 'console-frozen');

  // After freezing, the inspector page says the ceremony is complete, with the joint key's fingerprint.
  await watcher.inspect.waitForCeremonyStage('ceremony.frozen');
  assert.equal(await watcher.page.locator('#ceremony-fingerprint').innerText(), grouped(print));
  await checkpoint(watcher.page, 'inspect-ceremony-frozen');
  await watcher.page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await watcher.page.locator('#ceremony-stage').innerText(), translate('en', 'ceremony.frozen'));
  await watcher.page.getByRole('button', { name: translate('en', 'display.contrast'), exact: true }).click();
  await checkpoint(watcher.page, 'inspect-ceremony-frozen-english-high-contrast');
  for (const { page: p } of [...trustees, watcher]) await p.context().close();
  await page.context().close();
});

test('the organiser restarts a ceremony half-way from the console; the trustees take part again', async () => {
  const id = await unfrozenCongress('江城市快递员工会第二次成立大会');
  await organiser.expect(200, 'PUT', `/congresses/${id}/trustees`, {
    trustees: TRUSTEES.map(({ scrutineer, account }) => ({ scrutineer, account })),
  });
  const trustees = [];
  for (const { account } of TRUSTEES.slice(0, 2)) trustees.push(await inspector(account, id));
  for (const { inspect } of trustees) await inspect.takePart();
  await trustees[0].page.waitForFunction(() => document.querySelectorAll('#ceremony-progress [data-step="commitment"][data-done="true"]').length === 2, null, { timeout: 30000 });

  const page = await newPage(browser, { suite: SUITE });
  page.setDefaultTimeout(20000);
  const console_ = new ConsolePage(page, server.url);
  await console_.open({ query: `&congress=${id}&section=trustees` });
  await console_.waitForView('view-signin');
  await console_.signIn('organiser', PASSWORD);
  await console_.waitForView('view-trustees');
  await page.waitForFunction(() => document.querySelectorAll('#trustee-ceremony [data-step="commitment"][data-done="true"]').length === 2);
  await checkpoint(page, 'console-ceremony-half-way');

  // Restarting asks first; Cancel keeps every message.
  await console_.button('console.trustees.restart').click();
  const dialog = page.locator('#confirm-dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#confirm-title').innerText(), t('console.trustees.restartTitle'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-no', 'the focus starts on Cancel');
  await checkpoint(page, 'console-restart-confirm');
  await console_.confirm(false);
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${id}/ceremony`)).commitments.length, 2);
  await console_.button('console.trustees.restart').click();
  await console_.confirm(true);
  await page.getByText(t('console.trustees.restarted')).waitFor();
  const view = await organiser.expect(200, 'GET', `/congresses/${id}/ceremony`);
  assert.equal(view.stage, 'commitments');
  assert.deepEqual(view.commitments, []);
  assert.equal(await page.locator('#trustee-ceremony [data-done="true"]').count(), 0);
  await checkpoint(page, 'console-restarted');

  // Each trustee's page notices, forgets what it drew, and offers to take part again.
  for (const { page: p, inspect } of trustees) {
    await inspect.ceremonyStatus().getByText(t('inspect.ceremony.status.restarted')).waitFor({ timeout: 30000 });
    await inspect.startButton().waitFor({ state: 'visible' });
    assert.equal(await p.locator('#ceremony-progress [data-done="true"]').count(), 0);
  }
  await checkpoint(trustees[0].page, 'inspect-ceremony-restarted');
  await trustees[0].inspect.takePart();
  await trustees[0].page.locator('#ceremony-progress tr[data-trustee="1"] [data-step="commitment"][data-done="true"]').waitFor({ timeout: 30000 });
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${id}/ceremony`)).commitments.length, 1);

  // Signing out forgets the secrets: the page offers nothing of the ceremony it took part in.
  await trustees[0].page.getByRole('button', { name: t('inspect.signOut'), exact: true }).click();
  await trustees[0].inspect.waitForView('view-signin');
  assert.equal(await trustees[0].page.locator('#ceremony').isVisible(), false);
  for (const { page: p } of trustees) await p.context().close();
  await page.context().close();
});
