// Helpers shared by the specs: screenshots at desktop and phone width, waiting for
// hydration, signing in, real PNG photos drawn in the page, and moving the server's
// clock.
import { expect, APIRequestContext, APIResponse, Page, Browser } from '@playwright/test';
import { createHmac } from 'node:crypto';

export const shot = (name: string) => `end2end/screenshots/${name}.png`;

export async function capture(page: Page, name: string) {
  // the sticky header would otherwise be drawn where the page was scrolled to; the
  // scroll is asked again on every poll, since a focus or a late layout change on a busy
  // machine can move the page after a single request (seen once in a full run)
  await page.waitForFunction(() => {
    window.scrollTo(0, 0);
    return window.scrollY === 0;
  });
  await page.screenshot({ path: shot(name), fullPage: true });
}

/** The page at phone width too; fails if anything overflows sideways. */
export async function both(page: Page, name: string) {
  await capture(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `no horizontal scrolling on a phone (${name})`).toBeLessThanOrEqual(0);
  await capture(page, `${name}-mobile`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

// Hydration waits up to 30 s: right after the site build, with the background jobs
// catching up on a moved clock, the sharing-rewards journey twice needed more than the
// default 10 s inside the test command (never when the suite ran on its own).
// A panic in the page (a hydration mismatch is one) is marked on it as data-panic and
// fails at once with its message.
export async function hydrated(page: Page) {
  const html = page.locator('html');
  await expect
    .poll(async () => (await html.getAttribute('data-panic')) ?? (await html.getAttribute('data-hydrated')), {
      message: `the page hydrates without a panic (${page.url()})`,
      timeout: 30_000,
    })
    .toBe('true');
}

// The demo admin's authenticator key (server::seed::DEMO_ADMIN_TOTP): admin pages need
// two-step sign-in.
const DEMO_ADMIN_TOTP = 'HARBOURMARKETDEMOADMINTWOSTEP234';

/** The RFC 6238 code of a base32 `key` at `unix` seconds (SHA-1, 6 digits, 30 s). */
export function totp(key: string, unix = Date.now() / 1000): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of key.toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unix / 30)));
  const mac = createHmac('sha1', bytes).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A new browser context signed in as `email` (demo password by default); the demo
 *  admin gives its two-step code too (a code is accepted once, so a second sign-in in
 *  the same half-minute waits for the next code). */
export async function signIn(browser: Browser, email: string, password = 'marketplace-demo'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  if (email === 'admin@demo.test') {
    await expect(page).toHaveURL(/\/login\/code$/);
    await hydrated(page);
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.getByLabel('Code from the app, or a recovery code').fill(totp(DEMO_ADMIN_TOTP));
      await page.getByRole('button', { name: 'Log in' }).click();
      const done = await page
        .getByTestId('account-menu')
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (done) break;
      await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
    }
  }
  await expect(page.getByTestId('account-menu')).toBeVisible();
  return page;
}

/** A real PNG photo: a screenshot of a coloured box drawn in the page. Different
 *  `shape`s give different perceptual hashes (screening compares photos by shape). */
export async function photo(page: Page, colour: string, shape: 'radial' | 'linear' = 'radial'): Promise<Buffer> {
  const background =
    shape === 'radial' ? `radial-gradient(circle at 40% 40%, white, ${colour})` : `linear-gradient(135deg, white, ${colour})`;
  await page.evaluate((bg) => {
    const d = document.createElement('div');
    d.id = 'photo-fixture';
    d.style.cssText = `position:fixed;left:0;top:0;width:640px;height:640px;z-index:99999;background:${bg};`;
    document.body.appendChild(d);
  }, background);
  const png = await page.locator('#photo-fixture').screenshot();
  await page.evaluate(() => document.getElementById('photo-fixture')?.remove());
  return png;
}

// Moves the server's clock by `days` (the test clock's token is set by the config);
// returns the response.
export async function advanceClock(request: APIRequestContext, days: number): Promise<APIResponse> {
  return request.post(`/__test/advance?days=${days}`, {
    headers: { 'x-test-clock': process.env.E2E_TEST_CLOCK ?? '' },
  });
}

// The seller's side of a delivery: on the order's seller page, records the offline
// payment, ships it with `carrier` and reports it delivered; then the buyer confirms it.
export async function payShipDeliver(seller: Page, buyer: Page, order: string, carrier = 'Chunghwa Post') {
  await seller.goto(`/seller/orders/${order}`);
  await hydrated(seller);
  await seller.getByTestId('mark-paid').click();
  await expect(seller.getByTestId('order-status')).toHaveText('Paid');
  await seller.getByLabel('Carrier').selectOption(carrier);
  await seller.getByLabel('Tracking number').fill('EE123456789TW');
  await seller.getByTestId('mark-shipped').click();
  await expect(seller.getByTestId('order-status')).toHaveText('Shipped');
  await seller.getByTestId('mark-delivered').click();
  // the seller's word is a report: the order stays shipped until the buyer confirms
  await expect(seller.getByTestId('mark-delivered')).toHaveCount(0);
  await buyer.goto(`/orders/${order}`);
  await hydrated(buyer);
  await buyer.getByTestId('confirm-delivery').click();
  await expect(buyer.getByTestId('order-status')).toHaveText('Delivered');
}
