import { test, expect, Page, Browser } from '@playwright/test';
import { hydrated, signIn } from './support';

const shot = (name: string) => `end2end/screenshots/${name}.png`;

/** Full-page screenshot from the top (a sticky header would otherwise sit mid-page). */
async function capture(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot(name), fullPage: true });
}

/** The same page at phone width; fails if anything overflows sideways. */
async function captureMobile(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no horizontal scrolling on a phone').toBeLessThanOrEqual(0);
  await capture(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Result links of the current listing page. */
async function resultLinks(page: Page): Promise<string[]> {
  const links = page.getByTestId('product-grid').locator('a');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  return [...new Set(hrefs)];
}

/** Adds one unit of the first in-stock product whose shop is not in `skip`; returns its shop. */
async function addFromNewShop(page: Page, hrefs: string[], skip: string[]): Promise<string> {
  for (const href of hrefs) {
    await page.goto(href);
    const shop = (await page.getByTestId('sold-by').textContent())!.trim();
    const button = page.locator('#add-to-cart button[type=submit]');
    if (skip.includes(shop) || !(await button.isEnabled())) continue;
    await hydrated(page);
    await button.click();
    await expect(page.getByTestId('added-to-cart')).toBeVisible();
    return shop;
  }
  throw new Error('no in-stock product from another shop');
}

test('search in Chinese, filter, buy from two sellers offline, cancel one order and return the other', async ({ page, browser }) => {
  // search with a Chinese term, then narrow the results with the filter form
  await page.goto('/');
  await page.locator('#q').fill('耳機');
  await page.locator('#q').press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await page.getByLabel('Sort by').selectOption('price_asc');
  await page.getByLabel('In stock only').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(page).toHaveURL(/in_stock=1/);
  await expect(page.getByLabel('In stock only')).toBeChecked();
  // narrow to the seller of the first result: every card is then from that shop
  const cardShops = page.getByTestId('product-grid').locator('.pcard-shop');
  const seller = (await cardShops.first().textContent())!.trim();
  await page.getByLabel('Seller', { exact: true }).selectOption({ label: seller });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/shop=/);
  await expect(page).toHaveURL(/sort=price_asc/);
  expect(new Set((await cardShops.allTextContents()).map((s) => s.trim()))).toEqual(new Set([seller]));
  await page.screenshot({ path: shot('search-results'), fullPage: false });
  await captureMobile(page, 'search-results-mobile');

  // a broader search so two different shops appear
  let hrefs = await resultLinks(page);
  const first = await addFromNewShop(page, hrefs, []);
  await page.screenshot({ path: shot('product-page'), fullPage: false });
  await captureMobile(page, 'product-page-mobile');
  await page.goto('/search?q=a&in_stock=1');
  hrefs = await resultLinks(page);
  const second = await addFromNewShop(page, hrefs, [first]);
  expect(second).not.toBe(first);

  // sign up: the anonymous cart comes along
  const email = `buyer-${Date.now()}@example.com`;
  await page.goto('/signup?next=/cart');
  await hydrated(page);
  await page.getByLabel('Name').fill('Mei Buyer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-group')).toHaveCount(2);
  await hydrated(page);
  await expect(page.getByTestId('shipping-estimate').first()).toBeVisible();
  await capture(page, 'cart-two-sellers');
  await captureMobile(page, 'cart-mobile');

  await page.getByTestId('go-checkout').click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId('checkout-group')).toHaveCount(2);
  await hydrated(page);
  // a missing field is reported next to it and nothing is lost
  await page.getByLabel('Full name').fill('Mei Buyer');
  await page.getByLabel('Phone').fill('+886 912 345 678');
  await page.getByTestId('place-order').click();
  await expect(page.locator('[data-field-error=line1]')).toContainText('required');
  await expect(page.getByLabel('Full name')).toHaveValue('Mei Buyer');
  await page.getByLabel('Address', { exact: true }).fill('No. 1, Section 5, Xinyi Rd');
  await page.getByLabel('City').fill('Taipei');
  await page.getByLabel('Postal code').fill('110');
  await capture(page, 'checkout-desktop');
  await captureMobile(page, 'checkout-mobile');
  await page.getByTestId('place-order').click();

  await expect(page).toHaveURL(/\/checkout\/done\//);
  const cards = page.getByTestId('order-card');
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  // two orders; cancel the first
  const orderHrefs = await cards.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  await page.goto(orderHrefs[0]);
  await hydrated(page);
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  await capture(page, 'order-detail-desktop');
  await captureMobile(page, 'order-detail-mobile');
  await page.getByTestId('cancel-panel').locator('summary').click();
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');

  // the seller side (here the platform admin) takes payment, ships and delivers the second
  const secondId = orderHrefs[1].split('/').pop()!;
  const admin = await signIn(browser, 'admin@demo.test');
  await admin.goto(`/seller/orders/${secondId}`);
  await hydrated(admin);
  await admin.getByTestId('mark-paid').click();
  await expect(admin.getByTestId('order-status')).toHaveText('Paid');
  await admin.getByLabel('Carrier').selectOption('Chunghwa Post');
  await admin.getByLabel('Tracking number').fill('EE123456789TW');
  await admin.getByTestId('mark-shipped').click();
  await expect(admin.getByTestId('order-status')).toHaveText('Shipped');
  await admin.getByTestId('mark-delivered').click();
  // the seller's word is a report: the order stays shipped until the buyer confirms
  await expect(admin.getByTestId('mark-delivered')).toHaveCount(0);
  await expect(admin.getByTestId('order-status')).toHaveText('Shipped');

  // the buyer sees the tracking link and timeline, confirms delivery and asks for a return
  await page.goto(orderHrefs[1]);
  await hydrated(page);
  await expect(page.getByTestId('tracking-link')).toHaveAttribute('href', /MAILNO=EE123456789TW/);
  await expect(page.getByTestId('delivery-reported')).toBeVisible();
  await capture(page, 'order-confirm-delivery');
  await page.getByTestId('confirm-delivery').click();
  await expect(page.getByTestId('order-status')).toHaveText('Delivered');
  await expect(page.getByTestId('timeline').locator('li')).toHaveCount(5);
  await page.getByTestId('return-panel').locator('summary').click();
  await page.getByLabel('Reason').selectOption('damaged');
  await page.getByLabel(/Details/).fill('The box arrived crushed.');
  // a file that is not an image is refused with a reason, and the text is kept
  await page.getByLabel(/^Photos/).setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
  await page.getByTestId('submit-return').click();
  await expect(page.getByTestId('return-error')).toContainText('JPEG, PNG or WebP');
  await expect(page.getByLabel(/Details/)).toHaveValue('The box arrived crushed.');
  await page.getByLabel(/^Photos/).setInputFiles({
    name: 'crushed-box.png',
    mimeType: 'image/png',
    buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  });
  await page.getByTestId('submit-return').click();
  await expect(page.getByTestId('return-status')).toContainText('Waiting for the seller');
  await expect(page.getByTestId('return-photos').locator('img')).toHaveCount(1);
  // the photo may still be loading when it appears: wait for it to decode
  await expect
    .poll(() => page.getByTestId('return-photos').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(1);
  await capture(page, 'order-return-requested');

  // both orders are listed, and the emails are in the notifications page
  await page.goto('/orders');
  await expect(page.getByTestId('order-card')).toHaveCount(2);
  await page.goto('/notifications');
  await expect(page.getByTestId('notification').first()).toBeVisible();
});
