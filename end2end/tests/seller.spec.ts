import { test, expect } from '@playwright/test';
import { both, hydrated, photo, signIn } from './support';

const mailApi = (path: string) => `http://127.0.0.1:${process.env.E2E_MAIL_WEB}/api${path}`;

test('apply to sell, get approved, list with two photos, sell, ship, see the sale in the dashboard and the ledger', async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `kites-${stamp}@example.com`;
  const slug = `harbour-kites-${stamp}`;

  // a shopper signs up and finds "Sell on Harbour Market" in the footer
  await page.goto('/signup?next=/sell');
  await hydrated(page);
  await page.getByLabel('Name').fill('Lin Mei-Hua');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/sell$/);
  await expect(page.getByTestId('footer-sell')).toHaveAttribute('href', '/sell');
  await hydrated(page);

  // step 1: business details; a bad slug is named and nothing typed is lost
  await page.getByLabel('Shop name').fill('Harbour Kites');
  await page.getByLabel('Shop address').fill('Harbour Kites!');
  await page.getByLabel('Business type').selectOption('company');
  await page.getByLabel('Legal name').fill('Harbour Kites Co., Ltd.');
  await page.getByLabel('Registration number').fill('24681357');
  await page.getByLabel('Country').selectOption('TW');
  await page.getByLabel('Business address').fill('No. 8, Harbour Rd, Keelung');
  await page.getByLabel('Payout currency').selectOption('TWD');
  await page.getByLabel('Contact email').fill(email);
  await page.getByTestId('save-application').click();
  await expect(page.locator('[data-field-error=shop_slug]')).toContainText('lowercase');
  await expect(page.getByLabel('Legal name')).toHaveValue('Harbour Kites Co., Ltd.');
  await page.getByLabel('Shop address').fill(slug);
  await page.getByTestId('save-application').click();
  await expect(page.getByTestId('application-status')).toHaveText('Draft');
  await hydrated(page);

  // submitting needs a confirmed address: the link mailed at sign-up confirms it
  await page.getByTestId('submit-application').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Confirm your email address first' })).toBeVisible();
  let link = '';
  await expect
    .poll(
      async () => {
        const all = await (await request.get(mailApi('/email'))).json();
        const mail = all.find((m: any) => m.to.some((t: any) => t.address === email) && /Confirm your email/.test(m.subject));
        link = mail?.text.match(/\/verify\?token=[A-Za-z0-9_-]+/)?.[0] ?? '';
        return link;
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .not.toBe('');
  await page.goto(link);
  await hydrated(page);
  await page.getByTestId('verify-submit').click();
  await expect(page.getByTestId('verify-done')).toBeVisible();
  await both(page, 'account-email-confirmed');
  await page.goto('/sell');
  await hydrated(page);

  // step 3 before step 2: the missing documents are listed
  await page.getByTestId('submit-application').click();
  await expect(page.getByTestId('missing-documents')).toContainText('Identity document');
  await expect(page.getByTestId('missing-documents')).toContainText('Business registration');

  // step 2: documents (a fake file is refused with its reason)
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  await page.getByTestId('doc-row-identity').locator('input[type=file]').setInputFiles({ name: 'id.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
  await page.getByTestId('doc-row-identity').getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('document-error')).toContainText('not a PDF');
  for (const kind of ['identity', 'business_registration']) {
    await page.getByTestId(`doc-row-${kind}`).locator('input[type=file]').setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId(`doc-row-${kind}`).getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByTestId(`doc-row-${kind}`).getByTestId('doc-uploaded')).toBeVisible();
  }
  await hydrated(page);
  await page.getByTestId('submit-application').click();
  await expect(page.getByTestId('application-status')).toHaveText('Submitted');
  await expect(page.getByTestId('application-history')).toContainText('Submitted for review');
  await both(page, 'seller-apply-submitted');

  // a moderator (the demo admin) reviews the documents and approves
  const admin = await signIn(browser, 'admin@demo.test', 'marketplace-demo');
  await admin.goto('/admin/sellers');
  await expect(admin.getByTestId('applications')).toContainText('Harbour Kites');
  await admin.getByRole('link', { name: 'Harbour Kites' }).click();
  await expect(admin.getByTestId('application-shop')).toHaveText('Harbour Kites');
  await expect(admin.getByTestId('review-documents').locator('a')).toHaveCount(2);
  await hydrated(admin);
  await both(admin, 'admin-seller-review');
  await admin.getByTestId('decide-approve').click();
  await expect(admin.getByTestId('application-status')).toHaveText('Open');

  // the applicant sees the decision and opens the seller centre
  await page.goto('/sell');
  await expect(page.getByTestId('application-status')).toHaveText('Open');
  await expect(page.getByTestId('application-history')).toContainText('Approved: shop opened');
  await page.getByTestId('go-seller-centre').click();
  await expect(page.getByTestId('shop-name')).toHaveText('Harbour Kites');

  // a listing: fields first, then two photos, then publish through screening
  await page.goto('/seller/listings/new');
  await hydrated(page);
  await page.getByLabel('Title (English)').fill('Hand-painted dragon kite');
  await page.getByLabel('Title (Chinese)').fill('手繪龍風箏');
  await page.getByLabel('Description (English)').fill('Bamboo frame, silk sail, 1.2 m wingspan.');
  await page.getByLabel('Category', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Price', { exact: true }).fill('-10');
  await page.getByLabel('Stock on hand').fill('12');
  await page.getByTestId('save-listing').click();
  await expect(page.locator('[data-field-error=price]')).toContainText('above zero');
  await expect(page.getByLabel('Title (English)')).toHaveValue('Hand-painted dragon kite');
  await page.getByLabel('Price', { exact: true }).fill('1,280');
  await page.getByTestId('save-listing').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await expect(page.getByTestId('editor-status')).toHaveText('Draft');
  const listingUrl = page.url().split('?')[0];

  const red = await photo(page, '#dc2626');
  const blue = await photo(page, '#2563eb');
  await page.locator('#photo-files').setInputFiles([
    { name: 'kite-red.png', mimeType: 'image/png', buffer: red },
    { name: 'kite-blue.png', mimeType: 'image/png', buffer: blue },
  ]);
  await page.getByTestId('upload-photos').click();
  await expect(page.getByTestId('photo-list').locator('img')).toHaveCount(2);
  // a thumbnail may still be loading when it appears: wait for it to decode
  for (const img of await page.getByTestId('photo-list').locator('img').all()) {
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth))
      .toBeGreaterThan(100);
  }
  await hydrated(page);
  // the blue photo becomes the main one
  const second = page.getByTestId('photo-list').locator('li').nth(1);
  const blueThumb = await second.locator('img').getAttribute('src');
  await second.getByRole('button', { name: 'Move earlier' }).click();
  await expect(page.getByTestId('photo-list').locator('li').first().locator('img')).toHaveAttribute('src', blueThumb!);
  await hydrated(page);
  await page.getByTestId('listing-publish').click();
  await expect(page.getByTestId('editor-status')).toHaveText('Live');
  await expect(page.getByTestId('screening')).toContainText('Risk score');
  await both(page, 'seller-listing-editor');

  // live on the storefront with both photos
  await page.getByTestId('view-live').click();
  await expect(page.locator('h1')).toContainText('Hand-painted dragon kite');
  const productUrl = page.url();

  // a buyer orders it
  const buyer = await (await browser.newContext()).newPage();
  // a panic during hydration is a failure with its message, not a timeout later
  const errors: string[] = [];
  buyer.on('pageerror', (e) => errors.push(e.message));
  await buyer.goto('/signup?next=' + encodeURIComponent(new URL(productUrl).pathname));
  await hydrated(buyer);
  await buyer.getByLabel('Name').fill('Kite Fan');
  await buyer.getByLabel('Email').fill(`fan-${stamp}@example.com`);
  await buyer.getByLabel('Password').fill('a long enough password');
  await buyer.getByRole('button', { name: 'Create account' }).click();
  await expect(buyer.locator('h1')).toContainText('Hand-painted dragon kite');
  await hydrated(buyer);
  await buyer.locator('#add-to-cart button[type=submit]').click();
  await expect(buyer.getByTestId('added-to-cart')).toBeVisible();
  await buyer.goto('/checkout');
  await hydrated(buyer);
  await buyer.getByLabel('Full name').fill('Kite Fan');
  await buyer.getByLabel('Phone').fill('+886 912 345 678');
  await buyer.getByLabel('Address', { exact: true }).fill('No. 1, Section 5, Xinyi Rd');
  await buyer.getByLabel('City').fill('Taipei');
  await buyer.getByLabel('Postal code').fill('110');
  await buyer.getByTestId('place-order').click();
  await expect(buyer).toHaveURL(/\/checkout\/done\//);
  expect(errors).toEqual([]);
  const orderHref = await buyer.getByTestId('order-card').first().getAttribute('href');
  const orderId = orderHref!.split('/').pop()!;

  // the seller takes payment and ships it
  await page.goto('/seller/orders');
  await expect(page.locator(`a[href="/seller/orders/${orderId}"]`).first()).toBeVisible();
  await page.goto(`/seller/orders/${orderId}`);
  await hydrated(page);
  await page.getByTestId('mark-paid').click();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await page.getByLabel('Carrier').selectOption('Chunghwa Post');
  await page.getByLabel('Tracking number').fill('EE987654321TW');
  await page.getByTestId('mark-shipped').click();
  await expect(page.getByTestId('order-status')).toHaveText('Shipped');
  await expect(page.getByTestId('packing-slip')).toHaveAttribute('href', `/seller/orders/${orderId}/slip`);
  await both(page, 'seller-order-shipped');

  // the sale is in the dashboard chart (server-rendered SVG) and in the ledger
  await page.goto('/seller?days=7');
  await expect(page.getByTestId('stat-today-orders')).toHaveText('1');
  const bars = page.getByTestId('sales-chart').locator('rect[data-sales="1280"]');
  await expect(bars).toHaveCount(1);
  // the product views, cart add and checkout counted on the way (batched in memory)
  await expect(page.getByTestId('funnel')).toContainText('Paid orders');
  // the counters reach the database on the counters job's next run: reload until then
  await expect
    .poll(
      async () => {
        await page.reload();
        return Number(await page.getByTestId('funnel-0').textContent());
      },
      { timeout: 45_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  await both(page, 'seller-dashboard');
  await page.goto('/seller/money');
  await expect(page.getByTestId('ledger')).toContainText('Sale (less commission)');
  // 10 % platform commission on NT$1,280 leaves NT$1,152 pending
  await expect(page.getByTestId('bal-pending')).toHaveText('NT$1,152');
  await expect(page.getByTestId('bal-commission')).toHaveText('NT$128');
  await both(page, 'seller-ledger');
});
