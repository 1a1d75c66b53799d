// Cross-border selling: display currency and language, exchange rates, and selling abroad.
import { test, expect, Page } from '@playwright/test';
import { both, capture, hydrated, signIn } from './support';

/** The first in-stock product on a shop's page (opened). */
async function firstProductOf(page: Page, shop: string): Promise<string> {
  await page.goto(`/s/${shop}`);
  const hrefs = await page
    .getByTestId('product-grid')
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  for (const href of hrefs) {
    await page.goto(href);
    if (await page.locator('#add-to-cart button[type=submit]').isEnabled()) return href;
  }
  throw new Error(`no product in stock at ${shop}`);
}

/** The text of every element with `data-testid=<id>` in server HTML. */
function serverTexts(html: string, id: string): string[] {
  const re = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`, 'g');
  return [...html.matchAll(re)].map((m) => m[1].replace(/&nbsp;|\u00a0/g, '\u00a0').trim());
}

test('server-rendered prices are the prices shown after hydration, in every display currency', async ({ browser }) => {
  for (const [locale, currency] of [
    ['ja-JP', 'JPY'],
    ['de-DE', 'EUR'],
    ['zh-TW', 'TWD'],
  ]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /hydrat/i.test(m.text())) errors.push(m.text());
    });
    for (const path of ['/', '/search?q=tea&sort=price_asc']) {
      // the page as the server sends it (same cookies and Accept-Language as the browser)
      const html = await (await context.request.get(path, { headers: { 'accept-language': locale } })).text();
      expect(html).toContain(`data-currency="${currency}"`);
      const fromServer = [
        ...serverTexts(html, 'price-display'),
        ...serverTexts(html, 'price-charged'),
      ];
      expect(fromServer.length, `${path} has prices`).toBeGreaterThan(3);
      await page.goto(path);
      await hydrated(page);
      const afterHydration = [
        ...(await page.getByTestId('price-display').allTextContents()),
        ...(await page.getByTestId('price-charged').allTextContents()),
      ].map((s) => s.trim());
      expect(afterHydration, `${locale} ${path}`).toEqual(fromServer);
    }
    expect(errors, 'no hydration errors').toEqual([]);
    await context.close();
  }
});

test('a shopper in Japan browses in zh-Hant and yen, sees what ships, and checkout refuses what cannot', async ({ page, browser }) => {
  // sign up first (English page), then switch language and currency from the header
  const email = `abroad-${Date.now()}@example.com`;
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Name').fill('Aiko Abroad');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();

  const tea = await firstProductOf(page, 'formosa-tea-house');
  await page.goto(tea);
  await hydrated(page);
  await page.getByTestId('lang-switcher').getByText('繁體中文').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await hydrated(page);
  await page.locator('#currency').selectOption('JPY');
  await expect(page.locator('html')).toHaveAttribute('data-currency', 'JPY');
  await hydrated(page);
  // a TWD price shown in yen, marked approximate, with the charged amount in NT$
  const price = page.locator('article').getByTestId('price');
  await expect(price.getByTestId('price-display')).toHaveText(/^¥[\d,]+$/);
  await expect(price).toContainText('約');
  await expect(price.getByTestId('price-charged')).toHaveText(/^NT\$[\d,]+$/);
  await expect(price).toContainText('以此幣別收費');
  // deliver to Japan: it ships, with an estimate and the duties note
  await page.locator('#deliver-to').selectOption('JP');
  await expect(page.locator('html')).toHaveAttribute('data-country', 'JP');
  await hydrated(page);
  const delivery = page.getByTestId('delivery-status');
  await expect(delivery).toHaveAttribute('data-ships', 'true');
  await expect(delivery).toContainText('日本');
  await expect(page.getByTestId('duties-note')).toContainText('進口關稅');
  await both(page, 'product-jpy-zh');
  await page.locator('#add-to-cart button[type=submit]').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();

  // the night-market shop delivers within Taiwan only
  const snack = await firstProductOf(page, 'night-market-snacks');
  await page.goto(snack);
  await hydrated(page);
  await expect(page.getByTestId('delivery-status')).toHaveAttribute('data-ships', 'false');
  await expect(page.getByTestId('delivery-status')).toContainText('此商店不配送至 日本');
  const snackTitle = (await page.locator('article h1').textContent())!.trim();
  await capture(page, 'product-not-shipped');
  await page.locator('#add-to-cart button[type=submit]').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();

  // checkout: charged in the sellers' currency; a Japanese address is refused, naming the snack
  await page.goto('/checkout');
  await hydrated(page);
  await expect(page.getByTestId('charged-currency')).toContainText('TWD');
  await expect(page.getByTestId('method-countries').first()).toContainText('日本');
  await page.locator('#field-name').fill('Aiko Abroad');
  await page.locator('#field-phone').fill('+81 3 1234 5678');
  await page.locator('#field-line1').fill('1-1 Marunouchi');
  await page.locator('#field-city').fill('Tokyo');
  await page.locator('#field-postal_code').fill('100-0005');
  await page.locator('#field-country').selectOption('JP');
  await page.getByTestId('place-order').click();
  await expect(page.getByTestId('cannot-ship')).toContainText(snackTitle);
  await expect(page.getByTestId('cannot-ship')).toContainText('日本');
  // nothing lost: the address is still filled in
  await expect(page.locator('#field-city')).toHaveValue('Tokyo');
  await both(page, 'checkout-cannot-ship');
  // to a Taiwanese address both ship
  await page.locator('#field-line1').fill('No. 1, Section 5, Xinyi Rd');
  await page.locator('#field-city').fill('Taipei');
  await page.locator('#field-postal_code').fill('110');
  await page.locator('#field-country').selectOption('TW');
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/checkout\/done\//);
  await expect(page.getByTestId('order-card')).toHaveCount(2);
});

test('admins import ECB rates and see stale ones; sellers choose where they ship', async ({ browser }) => {
  const admin = await signIn(browser, 'admin@demo.test');
  await admin.goto('/admin');
  await admin.getByTestId('admin-rates-link').click();
  await expect(admin.getByTestId('fx-rates')).toBeVisible();
  await hydrated(admin);
  // a malformed file is refused with its line; nothing imported
  await admin.locator('input[name=file]').setInputFiles({
    name: 'eurofxref-daily.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(
      "<?xml version='1.0'?>\n<gesmes:Envelope>\n<Cube>\n<Cube time='2026-11-26'>\n<Cube currency='USD' rate='abc'/>\n</Cube>\n</Cube>\n</gesmes:Envelope>\n",
    ),
  });
  await admin.getByRole('button', { name: 'Import file' }).click();
  await expect(admin.getByTestId('fx-import-error')).toContainText('line 5');
  await expect(admin.getByTestId('fx-row-JPY')).not.toContainText('ECB');
  // the bundled sample: JPY, EUR and six more now come from the ECB, dated 2026-11-26
  await admin.getByTestId('fx-import-sample').click();
  await expect(admin.getByTestId('fx-imported')).toContainText('8');
  await expect(admin.getByTestId('fx-row-JPY')).toContainText('ECB');
  await expect(admin.getByTestId('fx-row-JPY')).toContainText('26 Nov 2026');
  // a rate of zero is refused next to the field; a good one is saved
  await hydrated(admin);
  await admin.locator('#fx-currency').selectOption('KWD');
  await admin.getByLabel('Rate (per US$1)').fill('0');
  await admin.getByTestId('fx-rate-form').getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('fx-rate-form')).toContainText('above zero');
  await admin.getByLabel('Rate (per US$1)').fill('0.3071');
  await admin.getByTestId('fx-rate-form').getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('fx-row-KWD')).toContainText('0.3071');
  await expect(admin.getByTestId('fx-row-KWD')).toContainText('manual');
  // flag rates older than an hour: the ECB's (dated 26 Nov, 15:00 UTC) are, KWD is not
  await hydrated(admin);
  await admin.getByLabel('Flag rates older than (hours)').fill('1');
  await admin.getByTestId('fx-stale-form').getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('fx-row-JPY')).toHaveAttribute('data-stale', 'true');
  await expect(admin.getByTestId('fx-row-KWD')).toHaveAttribute('data-stale', 'false');
  await expect(admin.getByTestId('fx-stale-banner')).toBeVisible();
  await both(admin, 'admin-rates');

  // the night-market seller adds an Asia zone; Japan is then reachable
  const seller = await signIn(browser, 'seller8@demo.test');
  await seller.goto('/seller/shipping');
  await hydrated(seller);
  await expect(seller.getByTestId('ships-to-summary')).toContainText('Taiwan');
  const form = seller.getByTestId('zone-form');
  await form.getByLabel('Name (English)').fill('Asia air');
  await form.getByRole('button', { name: 'Save zone' }).click();
  await expect(seller.getByTestId('countries-error')).toBeVisible();
  await expect(form.getByLabel('Name (English)')).toHaveValue('Asia air');
  await form.getByLabel('Japan').check();
  await form.getByLabel('Hong Kong').check();
  await form.getByLabel('Rate', { exact: true }).fill('350');
  await form.getByLabel('Fastest (days)').fill('4');
  await form.getByLabel('Slowest (days)').fill('8');
  await form.getByRole('button', { name: 'Save zone' }).click();
  await expect(seller.getByTestId('zone-asia-air')).toContainText('Japan');
  await expect(seller.getByTestId('ships-to-summary')).toContainText('Japan');
  await both(seller, 'seller-shipping');
  // and remove it again
  await seller.getByTestId('zone-asia-air').getByRole('button', { name: 'Remove' }).click();
  await expect(seller.getByTestId('zone-asia-air')).toHaveCount(0);
});
