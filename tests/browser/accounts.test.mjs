// Accounts in the browser, from a fresh server with no account at all: `/` is the first-run
// page, where the organiser types the one-time token `serve` printed (a wrong one is refused
// with a clear message) and makes the first organiser; then, in the console's accounts, a
// desk account limited to one congress is made, signs in at the desk in another browser and
// sees only that congress, is disabled (its session ends at once; its sign-in is refused in
// its language), enabled again and given a new password. The roster section offers a template
// and asks before a roster is replaced. Every step in 简体中文, and the accounts in English and
// 繁體中文 too.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t, translate } from '../../kiosk/shared/i18n.js';
import * as api from './support/api.mjs';
import { checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { ConsolePage } from './pages/console-page.mjs';
import { DeskPage } from './pages/desk-page.mjs';

const SUITE = 'accounts';
const ORGANISER = '王组织';
const DESK = '签到员小李';
const NEW_PASSWORD = 'lantern river staple paper';

let server;
let browser;
let page;
let consolePage;
let deskBrowserPage;
let desk;
let organiser;
const congresses = [];

before(async () => {
  server = await startServer(SUITE, { fresh: true });
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE });
  page.setDefaultTimeout(20000);
  consolePage = new ConsolePage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillFirstRun({ token, name = ORGANISER, password = PASSWORD, again = password }) {
  await page.getByLabel(t('firstRun.token'), { exact: true }).fill(token);
  await page.getByLabel(t('firstRun.name'), { exact: true }).fill(name);
  await page.getByLabel(t('firstRun.password'), { exact: true }).fill(password);
  await page.getByLabel(t('firstRun.passwordAgain'), { exact: true }).fill(again);
  await page.getByRole('button', { name: t('firstRun.submit'), exact: true }).click();
}

test('a fresh server’s / is the first-run page, in Chinese, saying where the token is', async () => {
  await page.goto(`${server.url}/`);
  await consolePage.waitForView('view-firstrun');
  assert.equal(await consolePage.heading().innerText(), t('firstRun.heading'));
  await page.getByText(t('firstRun.tokenWhere')).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await checkpoint(page, 'first-run');
});

test('a wrong token is refused with a clear message, and a weak password with its reasons', async () => {
  await fillFirstRun({ token: 'f'.repeat(64) });
  const error = page.locator('#firstrun-error');
  await error.getByText(t('error.bad_setup_token')).waitFor();
  assert.equal(await page.locator('#firstrun-token').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'firstrun-token');
  await checkpoint(page, 'first-run-wrong-token');

  await fillFirstRun({ token: server.setupToken, password: 'password123' });
  await error.getByText(t('error.weak_password')).waitFor();
  await error.locator('[data-feedback="password"] li').first().waitFor();
  const reasons = await error.locator('[data-feedback="password"] li').allInnerTexts();
  assert.ok(reasons.includes(t('password.warning.common_password')), `${reasons}`);
  await checkpoint(page, 'first-run-weak-password');

  await fillFirstRun({ token: server.setupToken, again: `${PASSWORD}!` });
  await error.getByText(t('password.mismatch')).waitFor();
});

test('the right token makes the first organiser, signed in, and / is the list of pages again', async () => {
  // Copied from a terminal, with the spaces around it.
  await fillFirstRun({ token: `  ${server.setupToken} ` });
  await consolePage.waitForView('view-firstrun-done');
  await page.getByText(t('firstRun.done', { name: ORGANISER })).waitFor();
  await checkpoint(page, 'first-run-done');
  await page.getByRole('link', { name: t('firstRun.openConsole'), exact: true }).click();
  await consolePage.waitForView('view-congresses');
  assert.equal(await page.locator('#account-name').innerText(), ORGANISER);

  // The token is spent, and / no longer asks for it.
  const again = await new api.Client(server.url).request('POST', '/setup/first-organiser', { token: server.setupToken, name: 'another', password: PASSWORD });
  assert.equal(again.status, 409);
  const other = await newPage(browser, { suite: SUITE });
  await other.goto(`${server.url}/`);
  await other.locator('#view-pages').waitFor();
  assert.equal(await other.locator('#view-firstrun').isHidden(), true);
  await other.context().close();

  organiser = await api.signedIn(server.url, ORGANISER, PASSWORD);
  for (const [name, venue] of [['江城市快递员工会成立大会', '大礼堂'], ['江城市外卖骑手工会成立大会', '二号会议室']]) {
    const made = await organiser.expect(201, 'POST', '/congresses', { name, union_name: '工会', date: '2026-11-28', venue, members: 60 });
    congresses.push(made);
  }
});

test('the organiser makes a desk account limited to one congress in the console’s accounts', async () => {
  await page.reload();
  await consolePage.waitForView('view-congresses');
  await consolePage.button('console.accounts.open').click();
  await consolePage.waitForView('view-accounts');
  assert.match(page.url(), /section=accounts/);
  await page.locator(`#accounts-table tr[data-account="${ORGANISER}"]`).waitFor();
  await checkpoint(page, 'accounts');

  const form = page.locator('#account-form');
  await consolePage.field('console.accounts.name', undefined, form).fill(DESK);
  await consolePage.field('console.accounts.role', undefined, form).selectOption('desk');
  await form.getByLabel(congresses[0].name).check();
  await consolePage.field('console.accounts.password', undefined, form).fill('qwertyuiop');
  await consolePage.field('console.accounts.passwordAgain', undefined, form).fill('qwertyuiop');
  await consolePage.button('console.accounts.submit').click();
  const error = page.locator('#account-form-error');
  await error.getByText(t('error.weak_password')).waitFor();
  await error.locator('[data-feedback="password"] li').first().waitFor();
  await checkpoint(page, 'accounts-weak-password');

  await consolePage.field('console.accounts.password', undefined, form).fill(PASSWORD);
  await consolePage.field('console.accounts.passwordAgain', undefined, form).fill(PASSWORD);
  await consolePage.button('console.accounts.submit').click();
  await page
    .getByText(t('console.accounts.createdFor', { name: DESK, role: { key: 'role.desk' }, congresses: congresses[0].name }))
    .waitFor();
  const row = page.locator(`#accounts-table tr[data-account="${DESK}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(congresses[0].name));
  assert.match(await row.innerText(), new RegExp(t('console.accounts.never')));
  await checkpoint(page, 'accounts-desk-created');
});

test('the desk account signs in in another browser and sees only its congress', async () => {
  deskBrowserPage = await newPage(browser, { suite: SUITE });
  deskBrowserPage.setDefaultTimeout(20000);
  desk = new DeskPage(deskBrowserPage, server.url);
  await desk.open();
  await desk.waitForView('view-signin');
  await desk.signIn(DESK, PASSWORD);
  await desk.waitForView('view-desk');
  assert.equal(await deskBrowserPage.locator('#masthead-congress').innerText(), congresses[0].name);
  const listed = await deskBrowserPage.evaluate(async () => (await fetch('/api/v1/congresses')).json());
  assert.deepEqual(listed.map((c) => c.id), [congresses[0].id]);
  await checkpoint(deskBrowserPage, 'desk-limited');
});

test('disabling the desk account ends its session at once, and its sign-in is refused in its language', async () => {
  await page.reload();
  await consolePage.waitForView('view-accounts');
  const row = page.locator(`#accounts-table tr[data-account="${DESK}"]`);
  assert.doesNotMatch(await row.innerText(), new RegExp(t('console.accounts.never')), 'its sign-in is shown');
  await consolePage.button('console.accounts.disableLabel', { name: DESK }).click();
  await checkpoint(page, 'accounts-disable-confirm');
  await consolePage.confirm();
  await page.getByText(t('console.accounts.disabledNow', { name: DESK })).waitFor();
  assert.equal(await row.getAttribute('data-disabled'), 'true');
  // Nobody disables their own account: the console offers no button for it.
  assert.equal(await consolePage.button('console.accounts.disableLabel', { name: ORGANISER }).count(), 0);

  // The desk's page polls: its next request finds the session over.
  await desk.waitForView('view-signin');
  await deskBrowserPage.getByText(t('desk.sessionExpired')).waitFor();
  await desk.signIn(DESK, PASSWORD);
  await desk.signInError().getByText(t('error.account_disabled')).waitFor();
  await checkpoint(deskBrowserPage, 'desk-disabled');
  await deskBrowserPage.getByRole('button', { name: 'English', exact: true }).click();
  await desk.signInError().getByText(/disabled/).waitFor();
  await checkpoint(deskBrowserPage, 'desk-disabled-en');
});

test('enabled again with a new password, the desk account signs in with it, not the old one', async () => {
  await consolePage.button('console.accounts.enableLabel', { name: DESK }).click();
  await page.getByText(t('console.accounts.enabledNow', { name: DESK })).waitFor();
  await consolePage.button('console.accounts.setPasswordLabel', { name: DESK }).click();
  const form = page.locator('#password-form');
  await form.waitFor();
  await consolePage.field('console.accounts.newPassword', undefined, form).fill(NEW_PASSWORD);
  await consolePage.field('console.accounts.passwordAgain', undefined, form).fill(NEW_PASSWORD);
  await checkpoint(page, 'accounts-new-password');
  await consolePage.button('console.accounts.savePassword').click();
  await page.getByText(t('console.accounts.passwordSet', { name: DESK })).waitFor();
  assert.equal(await form.isHidden(), true);

  await deskBrowserPage.getByRole('button', { name: '简体中文', exact: true }).click();
  await desk.signIn(DESK, PASSWORD);
  await desk.signInError().getByText(t('error.wrong_password')).waitFor();
  await desk.signIn(DESK, NEW_PASSWORD);
  await desk.waitForView('view-desk');
  await deskBrowserPage.context().close();
});

test('the accounts read in English and 繁體中文 too', async () => {
  for (const [code, label] of [['en', 'English'], ['zh-TW', '繁體中文']]) {
    await page.getByRole('button', { name: label, exact: true }).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
    assert.equal(await consolePage.heading().innerText(), translate(code, 'console.accounts.heading'));
    const row = page.locator(`#accounts-table tr[data-account="${DESK}"]`);
    assert.match(await row.innerText(), new RegExp(translate(code, 'role.desk')));
    await checkpoint(page, `accounts-${code}`);
  }
  await page.getByRole('button', { name: '简体中文', exact: true }).click();
});

test('the roster section offers a template and asks before replacing a roster', async () => {
  const id = congresses[0].id;
  await organiser.expect(200, 'PUT', `/congresses/${id}/roster`, api.rosterCsv(), { csv: true });
  await consolePage.button('console.accounts.back').click();
  await consolePage.waitForView('view-congresses');
  await page.locator(`#congress-list [data-congress="${id}"]`).click();
  await consolePage.waitForView('view-overview');
  await consolePage.section('roster');

  const href = await page.getByRole('link', { name: t('console.roster.template'), exact: true }).getAttribute('href');
  const template = await page.evaluate(async (address) => {
    const response = await fetch(address);
    return { type: response.headers.get('content-type'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
  }, href);
  assert.match(template.type, /^text\/csv/);
  const bytes = Buffer.from(template.bytes);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
  const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  assert.deepEqual(lines[0].split(','), ['代表编号', '姓名', '性别', '单位', '选举权']);
  assert.equal(lines.length, 2, 'one example row');

  const replacement = `${lines[0]}\nD001,王芳,女,顺丰速运,是\nD002,李强,男,中通快递,是\n`;
  await consolePage.importRoster('新名册.csv', Buffer.from(replacement, 'utf8'));
  const dialog = page.locator('#confirm-dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#confirm-body').innerText(), t('console.roster.replaceBody', { count: 30, file: '新名册.csv' }));
  await checkpoint(page, 'roster-replace-confirm');
  await consolePage.confirm(false);
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${id}/roster`)).length, 30, 'nothing replaced');

  await consolePage.importRoster('新名册.csv', Buffer.from(replacement, 'utf8'));
  await consolePage.confirm();
  await page.getByText(t('console.roster.imported', { count: 2, voting: 2, encoding: { key: 'console.encoding.utf8' } })).waitFor();
  assert.equal((await organiser.expect(200, 'GET', `/congresses/${id}/roster`)).length, 2);
  await checkpoint(page, 'roster-replaced');
});
