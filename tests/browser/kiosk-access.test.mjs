// The kiosk for an older delegate, in real Chromium at 1366×900: the count and 下一项 stay in
// view on a long ballot, text, targets and contrast are measured against the kiosk's thresholds
// (after VVSG 2.0 §7), the idle reset warns first, the post-vote message says what is true of
// the card, the receipt is short and prints on a receipt printer's roll, and the error screens
// say what happened.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { t } from '../../kiosk/shared/i18n.js';
import { shortReceipt } from '../../kiosk/shared/short-receipt.js';
import * as congress from './support/api.mjs';
import { assertNoProblems, checkAccessibility, checkpoint, launchBrowser, newPage, screenshot } from './support/browser.mjs';
import { PASSWORD, startServer } from './support/server.mjs';
import { KioskPage } from './pages/kiosk-page.mjs';

const SUITE = 'kiosk-access';
const VIEWPORT = { width: 1366, height: 900 };
/** The kiosk's thresholds, in millimetres of its screen, and contrast. */
const CAP_HEIGHT_MM = 4.8;
const TARGET_MM = 12.7;
const CONTRAST = 10;

let server;
let browser;
let organiser;
let id;
let page;
let kiosk;
let round;
const cards = {};

before(async () => {
  server = await startServer(SUITE);
  organiser = await congress.signedIn(server.url, 'organiser', PASSWORD);
  id = await congress.frozenCongress(server, organiser);
  cards.general = await congress.printCards(organiser, id, 'general', 6);
  await congress.checkIn(organiser, id, congress.DELEGATES.slice(0, 22).map((d) => d.number));
  await congress.activate(organiser, id, cards.general.slice(0, 6).map((c) => c.code));
  browser = await launchBrowser();
  page = await newPage(browser, { suite: SUITE, viewport: VIEWPORT });
  kiosk = new KioskPage(page, server.url);
  await kiosk.open();
  await kiosk.waitForView('view-enrol');
  await kiosk.enrol(await congress.pairingCode(organiser, id, '一号投票台'));
  await kiosk.waitForView('view-waiting');
  // The committee alone: the longest ballot, 8 candidates.
  round = await congress.openRound(organiser, id, ['committee', 'audit', 'women']);
  await kiosk.waitForView('view-card');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Where the footer is, and the window's height. */
function footerBox(p = page) {
  return p.evaluate(() => {
    const box = document.getElementById('ballot-footer').getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, height: box.height, viewport: innerHeight, page: document.documentElement.scrollHeight };
  });
}

test('on a long ballot at 1366×900 the count and 下一项 stay in view however far it scrolls', async () => {
  await kiosk.enterCard(cards.general[0].code);
  await kiosk.waitForView('view-ballot');
  const start = await footerBox();
  assert.ok(start.page > 2 * VIEWPORT.height, `the ballot is long (${start.page}px)`);
  for (const where of ['top', 'middle', 'bottom']) {
    await page.evaluate((w) => {
      const max = document.documentElement.scrollHeight - innerHeight;
      scrollTo(0, w === 'top' ? 0 : w === 'middle' ? max / 2 : max);
    }, where);
    const box = await footerBox();
    assert.ok(box.top >= 0 && box.bottom <= box.viewport + 0.5, `the footer is inside the window at the ${where}: ${JSON.stringify(box)}`);
    assert.ok(await page.locator('#next').isVisible());
    assert.ok(await page.locator('#contest-count').isVisible());
  }
  await page.evaluate(() => scrollTo(0, 0));
  await screenshot(page, 'long-ballot-top', { fullPage: false });
  await kiosk.mark('王芳', 'for');
  assert.equal(await page.locator('#contest-count').innerText(), t('kiosk.ballot.count', { chosen: 1, seats: 7 }));
  // A mark further down, made by keyboard: what has the focus is not hidden under the footer.
  const last = page.locator('.candidate').last();
  await last.getByRole('radio', { name: t('kiosk.mark.for'), exact: true }).focus();
  await page.keyboard.press('Space');
  const focused = await page.evaluate(() => document.activeElement.closest('.choice').getBoundingClientRect().bottom);
  const box = await footerBox();
  assert.ok(focused <= box.top, `the focused mark (${focused}) is above the footer (${box.top})`);
  assert.equal(await page.locator('#contest-count').innerText(), t('kiosk.ballot.count', { chosen: 2, seats: 7 }));
  await screenshot(page, 'long-ballot-marked', { fullPage: false });
  await checkAccessibility(page, 'long-ballot');
});

test('text, touch targets and contrast of the kiosk meet its thresholds by default', async () => {
  const measured = await page.evaluate(
    ({ selectors, targets }) => {
      const pxPerMm = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--px-per-mm'));
      const canvas = document.createElement('canvas').getContext('2d');
      const channel = (c) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      const rgb = (text) => text.match(/[\d.]+/g).map(Number);
      const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const background = (element) => {
        for (let e = element; e; e = e.parentElement) {
          const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
          if (a > 0) return [r, g, b];
        }
        return [255, 255, 255];
      };
      const text = [];
      for (const selector of selectors) {
        for (const element of document.querySelectorAll(selector)) {
          if (!element.checkVisibility() || !element.textContent.trim()) continue;
          const style = getComputedStyle(element);
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const cap = canvas.measureText('H').actualBoundingBoxAscent;
          const [fg, bg] = [luminance(rgb(style.color)), luminance(background(element))];
          text.push({
            selector,
            capMm: cap / pxPerMm,
            contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
          });
        }
      }
      const boxes = [];
      for (const selector of targets) {
        for (const element of document.querySelectorAll(selector)) {
          if (!element.checkVisibility()) continue;
          const box = element.getBoundingClientRect();
          boxes.push({ selector, widthMm: box.width / pxPerMm, heightMm: box.height / pxPerMm });
        }
      }
      return { pxPerMm, text, boxes };
    },
    {
      selectors: [
        '#contest-heading', '#ballot-progress', '.ballot-facts', '.ballot-order', '#contest-instructions',
        '.candidate-name', '.candidate-unit', '.choice-text', '#contest-count', '#next', '#previous',
        '[data-cancel]', '.masthead-title', '.masthead-detail', '.toolbar-button', '.toolbar-label',
      ],
      targets: ['.choice', '#next', '#previous', '[data-cancel]', '.toolbar-button'],
    },
  );
  assert.equal(measured.pxPerMm, 3.64, 'the assumed panel: 23.8" at 1920×1080');
  assert.ok(measured.text.length > 30, 'the main elements were measured');
  const small = measured.text.filter((m) => m.capMm < CAP_HEIGHT_MM);
  assert.deepEqual(small, [], `every text's cap height is at least ${CAP_HEIGHT_MM} mm`);
  const faint = measured.text.filter((m) => m.contrast < CONTRAST);
  assert.deepEqual(faint, [], `every text has a contrast of at least ${CONTRAST}:1`);
  assert.ok(measured.boxes.length > 20);
  const tiny = measured.boxes.filter((b) => b.widthMm < TARGET_MM || b.heightMm < TARGET_MM);
  assert.deepEqual(tiny, [], `every target is at least ${TARGET_MM} mm each way`);
});

test('before the idle reset a dialog counts down, and 继续投票 keeps the ballot (keyboard alone)', async () => {
  const context = page.context();
  const idle = await context.newPage();
  idle.problems = [];
  idle.suite = SUITE;
  idle.on('pageerror', (error) => idle.problems.push(error.message));
  await idle.setViewportSize(VIEWPORT);
  const idleKiosk = new KioskPage(idle, server.url);
  await idle.goto(`${server.url}/kiosk?poll=0.3&idle=8&warn=5`);
  await idleKiosk.waitForView('view-card');
  await idle.keyboard.type(cards.general[1].code);
  await idle.keyboard.press('Enter');
  await idleKiosk.waitForView('view-ballot');
  await idleKiosk.mark('王芳', 'for');
  const dialog = idle.getByRole('dialog', { name: t('kiosk.idle.heading') });
  // Not before the warning is due: the dialog waits 3 s of the 8.
  await idle.waitForTimeout(1500);
  assert.equal(await dialog.isVisible(), false);
  await dialog.waitFor({ state: 'visible', timeout: 4000 });
  assert.match(await idle.locator('#idle-countdown').innerText(), /^\d 秒$/);
  assert.equal(await idle.evaluate(() => document.activeElement.id), 'idle-continue', 'the focus is on 继续投票');
  await screenshot(idle, 'idle-dialog', { fullPage: false });
  await checkAccessibility(idle, 'idle-dialog');
  await idle.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await idleKiosk.radio('王芳', 'for').isChecked(), true, 'the ballot is as it was');
  assert.equal(await idleKiosk.currentView(), 'view-ballot');
  // Left alone again, it warns again, then forgets the ballot.
  await dialog.waitFor({ state: 'visible', timeout: 6000 });
  await idleKiosk.waitForView('view-card', 8000);
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await idle.locator('.candidate').count(), 0, 'the ballot is gone from the page');
  await idle.close();
  assert.deepEqual(idle.problems, []);
});

test('an error screen says what happened, not 正在投票，请稍候', async () => {
  // The page is on the ballot from the first test: go on to the review by keyboard.
  while ((await kiosk.currentView()) === 'view-ballot') {
    await page.locator('#next').focus();
    await page.keyboard.press('Enter');
  }
  await kiosk.waitForView('view-review');
  // The network fails on every try: not confirmed.
  await page.route('**/api/v1/kiosk/casts', (route) => route.abort('connectionreset'));
  await page.locator('#cast').focus();
  await page.keyboard.press('Enter');
  await kiosk.tracker();
  await page.locator('#seal-cast').focus();
  await page.keyboard.press('Enter');
  await page.locator('#cast-retry').waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await page.locator('#casting-heading').innerText(), t('kiosk.casting.uncertainHeading'));
  await checkpoint(page, 'cast-uncertain');
  // Refused outright: not cast.
  await page.unroute('**/api/v1/kiosk/casts');
  await page.route('**/api/v1/kiosk/casts', (route) =>
    route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'round_closed', message: 'closed', request_id: 'x' } }) }),
  );
  await page.keyboard.press('Enter');
  await page.locator('#cast-finish').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#casting-heading').innerText(), t('kiosk.casting.notCastHeading'));
  assert.notEqual(await page.locator('#casting-heading').innerText(), t('kiosk.casting.heading'));
  await checkpoint(page, 'cast-not-cast');
  await page.unroute('**/api/v1/kiosk/casts');
  await page.keyboard.press('Enter');
  await kiosk.waitForView('view-card');
});

test('after the vote: keep the card for further rounds, a short receipt with a QR code of the full one', async () => {
  await kiosk.enterCard(cards.general[2].code);
  await kiosk.waitForView('view-ballot');
  await kiosk.mark('王芳', 'for');
  while ((await kiosk.currentView()) === 'view-ballot') await kiosk.next();
  await kiosk.cast();
  await kiosk.waitForView('view-receipt');
  assert.equal(await page.locator('#receipt-card-note').innerText(), t('kiosk.receipt.keepCard'));
  assert.ok(!(await page.locator('#view-receipt').innerText()).includes('交还工作人员。'), 'no longer told to hand the card back now');
  const full = await page.locator('#receipt-code').getAttribute('data-receipt');
  const short = await page.locator('#receipt-short').getAttribute('data-short');
  assert.match(short, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.equal(short, shortReceipt(full), 'the first 60 bits of the full receipt');
  assert.equal((await page.locator('#receipt-short').innerText()).replace(/\s+/g, ' ').trim(), short.replaceAll('-', ' '));
  const qr = await page.locator('#receipt-qr').evaluate((img) => ({ width: img.naturalWidth, alt: img.alt, src: img.src.slice(0, 18) }));
  assert.ok(qr.width > 0, 'the QR code shows');
  assert.equal(qr.alt, t('kiosk.receipt.qrAlt'));
  assert.equal(qr.src, 'data:image/svg+xml');
  assert.equal(await page.locator('#receipt-check').getAttribute('data-address'), `${server.url}/r/${id}`);
  await checkpoint(page, 'receipt');

  // Printed on an 80 mm roll: 72 mm printed, nothing wider, the short receipt large.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const receipt = document.getElementById('view-receipt');
    const box = receipt.getBoundingClientRect();
    const wider = [...receipt.querySelectorAll('*')].filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > box.right + 0.5).map((e) => e.id || e.className);
    const px = (mm) => (mm * 96) / 25.4;
    return {
      widthMm: box.width / px(1),
      wider,
      shortPt: (parseFloat(getComputedStyle(document.getElementById('receipt-short')).fontSize) * 72) / 96,
      qrMm: document.getElementById('receipt-qr').getBoundingClientRect().width / px(1),
      hidden: ['receipt-card-note', 'print-receipt', 'receipt-done'].filter((i) => !document.getElementById(i).checkVisibility()),
    };
  });
  assert.ok(Math.abs(printed.widthMm - 72) < 0.5, `the receipt is 72 mm wide in print (${printed.widthMm})`);
  assert.deepEqual(printed.wider, [], 'nothing is wider than the paper');
  assert.ok(printed.shortPt >= 14, 'the short receipt prints large');
  assert.ok(printed.qrMm >= 25, 'the QR code prints large enough to scan');
  assert.deepEqual(printed.hidden, ['receipt-card-note', 'print-receipt', 'receipt-done']);
  await screenshot(page, 'receipt-print-80mm');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const [, width] = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/);
  assert.ok(Math.abs(Number(width) - (80 * 72) / 25.4) < 1, `an 80 mm page (${width} pt)`);
  // A 58 mm printer (?paper=58): 48 mm printed.
  await page.evaluate(() => {
    document.documentElement.dataset.paper = '58';
  });
  const narrow = await page.evaluate(() => document.getElementById('view-receipt').getBoundingClientRect().width / ((96) / 25.4));
  assert.ok(Math.abs(narrow - 48) < 0.5, `48 mm on 58 mm paper (${narrow})`);
  const pdf58 = await page.pdf({ preferCSSPageSize: true });
  const [, width58] = pdf58.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/);
  assert.ok(Math.abs(Number(width58) - (58 * 72) / 25.4) < 1, `a 58 mm page (${width58} pt)`);
  await screenshot(page, 'receipt-print-58mm');
  await page.evaluate(() => {
    document.documentElement.dataset.paper = '80';
  });
  await page.emulateMedia({ media: 'screen' });
  await checkAccessibility(page, 'receipt');
  await kiosk.done();
  await kiosk.waitForView('view-card');
  assertNoProblems(page);
});

test('a card that has voted is told to be kept for a further round', async () => {
  await kiosk.enterCard(cards.general[2].code);
  await kiosk.cardError().waitFor({ state: 'visible' });
  assert.equal(await kiosk.cardError().innerText(), t('error.card_spent'));
  assert.match(t('error.card_spent'), /保管/);
  await checkpoint(page, 'card-spent');
  assert.ok(round >= 1);
});
