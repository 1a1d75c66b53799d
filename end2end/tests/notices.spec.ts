import { test, expect } from '@playwright/test';
import { advanceClock, both, hydrated, signIn } from './support';

test('a rights owner takes a listing down; the seller counter-notices; after the waiting period it is back', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();

  // a brand owner signs up and registers with proof of their trademark
  const owner = await (await browser.newContext()).newPage();
  await owner.goto('/signup?next=/rights');
  await hydrated(owner);
  await owner.getByLabel('Name').fill('Kestrel Optics Ltd');
  await owner.getByLabel('Email').fill(`legal-${stamp}@kestrel.example`);
  await owner.getByLabel('Password').fill('a long enough password');
  await owner.getByRole('button', { name: 'Create account' }).click();
  await expect(owner).toHaveURL(/\/rights$/);
  await hydrated(owner);
  await owner.getByLabel('Company or owner name').fill('Kestrel Optics Ltd');
  await owner.getByLabel('Brand', { exact: true }).fill('Kestrel Optics');
  await owner.getByLabel('Trademark registration number').fill('TW-02468013');
  await owner.getByLabel('Jurisdiction').fill('Taiwan');
  await owner.getByLabel(/^Proof/).fill('TIPO registration 02468013, classes 9 and 35.');
  await owner.getByTestId('register-owner').click();
  await expect(owner.getByTestId('owner-status')).toHaveText('Waiting for verification');

  // a moderator verifies the registration
  const mod = await signIn(browser, 'moderator@demo.test');
  await mod.goto('/admin/notices');
  await hydrated(mod);
  await mod.getByTestId('owner-row').filter({ hasText: 'TW-02468013' }).getByTestId('verify-owner').click();
  await expect(mod.getByTestId('owner-row').filter({ hasText: 'TW-02468013' })).toHaveCount(0);

  // the owner names a live listing of another shop
  const shopper = await (await browser.newContext()).newPage();
  await shopper.goto('/c/electronics?shop=auralis-audio-lab');
  const link = shopper.getByTestId('product-grid').first().locator('a').first();
  const href = (await link.getAttribute('href'))!;
  const productPath = new URL(href, 'http://x').pathname;
  expect((await request.get(productPath)).status()).toBe(200);
  await owner.reload();
  await hydrated(owner);
  await expect(owner.getByTestId('owner-status')).toHaveText('Verified');
  await owner.getByLabel('Listings (one link or id per line)').fill(`http://127.0.0.1${productPath}\nnot-a-listing`);
  await owner.getByLabel('Evidence').fill('The listing sells binoculars under our registered word mark, which we never supplied.');
  await owner.getByTestId('file-notice').click();
  // the unknown line is named, the declaration is required, nothing typed is lost
  await expect(owner.locator('[data-field-error=listings]')).toContainText('Line 2');
  await expect(owner.locator('[data-field-error=good_faith]')).toBeVisible();
  await owner.getByLabel('Listings (one link or id per line)').fill(`http://127.0.0.1${productPath}`);
  await owner.getByText('I declare in good faith').click();
  await owner.getByTestId('file-notice').click();
  await expect(owner.getByTestId('my-notices').getByTestId('notice-state')).toHaveText('Received, awaiting review');

  // the moderator validates it: the listing comes down
  await mod.reload();
  await hydrated(mod);
  await mod.getByTestId('received-notices').getByTestId('validate-notice').first().click();
  await expect(mod.getByTestId('received-notices')).toHaveCount(0);
  expect((await request.get(productPath)).status()).toBe(404);

  // the seller sees the notice and files a counter-notice
  const seller = await signIn(browser, 'seller2@demo.test');
  await seller.goto('/seller/notices');
  await hydrated(seller);
  const card = seller.getByTestId('my-notice-items').getByTestId('notice-item').first();
  await expect(card.getByTestId('notice-state')).toHaveText('Taken down, counter-notice window open');
  await expect(card.getByTestId('notice-deadline')).toBeVisible();
  await both(seller, 'seller-notice');
  await card.getByTestId('counter-statement').fill('These are genuine Kestrel binoculars bought from the Taiwan distributor; invoices attached to our records.');
  await card.getByTestId('counter-good-faith').check();
  await card.getByTestId('file-counter-notice').click();
  await expect(seller.getByTestId('my-notice-items').getByTestId('notice-state').first()).toHaveText('Counter-notice forwarded to the rights owner');

  // the owner does not show legal action; ten working days later the listing is back
  try {
    const fired = await advanceClock(request, 15);
    expect(await fired.text()).toBe('1');
    expect((await request.get(productPath)).status()).toBe(200);
    await seller.reload();
    await expect(seller.getByTestId('my-notice-items').getByTestId('notice-state').first()).toHaveText('Reinstated');
    await owner.reload();
    await expect(owner.getByTestId('my-notices').getByTestId('notice-state').first()).toHaveText('Reinstated');

    // the public transparency report counts the notice, the takedown, the counter-notice
    // and the reinstatement
    const report = await (await browser.newContext()).newPage();
    await report.goto('/rights');
    await report.getByTestId('footer-transparency').click();
    await expect(report).toHaveURL(/\/transparency$/);
    await expect(report.getByTestId('transparency-chart')).toBeVisible();
    const total = async (id: string) => {
      let n = 0;
      for (const cell of await report.getByTestId(id).all()) n += Number(await cell.textContent());
      return n;
    };
    expect(await total('tr-received')).toBeGreaterThanOrEqual(1);
    expect(await total('tr-taken-down')).toBeGreaterThanOrEqual(1);
    expect(await total('tr-counter')).toBeGreaterThanOrEqual(1);
    expect(await total('tr-reinstated')).toBeGreaterThanOrEqual(1);
    await both(report, 'transparency');
  } finally {
    await advanceClock(request, -15);
  }
});
