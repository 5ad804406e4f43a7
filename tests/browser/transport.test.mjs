// HTTPS as the operator checks it at the kiosk and the console: the pages show the certificate's
// fingerprints, to compare with those `ballotbox tls init` printed; over plain HTTP on this very
// machine they say nothing. (That only the congress CA's devices connect is tested in tests/tls.rs.)

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t } from '../../kiosk/shared/i18n.js';
import { assertNoProblems, checkpoint, launchBrowser, newPage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let secure;
let plain;
let browser;

before(async () => {
  secure = await startServer('transport', { tls: true });
  plain = await startServer('transport-plain');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await secure?.stop();
  await plain?.stop();
});

test('the kiosk’s enrolment screen and the console show the fingerprints tls init printed', async () => {
  assert.match(secure.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const page = await newPage(browser, { suite: 'transport', ignoreHTTPSErrors: true });
  const expected = t('transport.httpsWithCa', secure.fingerprints);
  await page.goto(`${secure.url}/kiosk`);
  await page.locator('#transport[data-kind="secure"]').waitFor();
  assert.equal(await page.locator('#transport').innerText(), expected);
  await checkpoint(page, 'kiosk-enrolment-https');
  await page.goto(`${secure.url}/console`);
  await page.locator('#transport[data-kind="secure"]').waitFor();
  assert.equal(await page.locator('#transport').innerText(), expected);
  await checkpoint(page, 'console-https');
  assertNoProblems(page);
  await page.close();
});

test('over plain HTTP on this machine the pages say nothing of the connection', async () => {
  const page = await newPage(browser, { suite: 'transport' });
  await page.goto(`${plain.url}/kiosk`);
  await page.locator('#pairing-code').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#transport').isHidden(), true);
  assertNoProblems(page);
  await page.close();
});
