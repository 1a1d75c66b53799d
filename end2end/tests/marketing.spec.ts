import { test, expect, Browser, Page } from '@playwright/test';
import { both, hydrated, signIn } from './support';

/** `YYYY-MM-DDTHH:MM` in UTC (the marketing form's times are UTC). */
const utc = (d: Date) => d.toISOString().slice(0, 16);

async function signUp(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Name').fill('Deal Hunter');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
  // prices in the shop's own currency, as the seller set them
  await page.locator('#currency').selectOption('TWD');
  await expect(page.locator('html')).toHaveAttribute('data-currency', 'TWD');
  return page;
}

/** Fills the new-promotion form (fields by name, the kind before the fields it shows)
 *  and submits it. */
async function createPromotion(seller: Page, fields: Record<string, string>) {
  const form = seller.getByTestId('promotion-form');
  for (const [name, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await form.getByRole('button', { name: 'Create promotion' }).click();
}

/** NT$ amount of a text like "NT$1,234". */
const ntd = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

test('a seller sets up a flash sale, a 滿減 tier and a shop voucher; a shopper claims the voucher, sees the crossed-out price and the countdown, reads the discounts at checkout and pays exactly that; the seller reads the results', async ({ browser }) => {
  const seller = await signIn(browser, 'seller7@demo.test');
  await seller.goto('/s/lotus-skin-studio');
  const hrefs = [...new Set(await seller.getByTestId('product-grid').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))];
  let href = '';
  for (const h of hrefs) {
    await seller.goto(h);
    if (await seller.locator('#add-to-cart button[type=submit]').isEnabled()) {
      href = h;
      break;
    }
  }
  expect(href).not.toBe('');
  const key = href.split('/')[2];
  const price = ntd(await seller.getByTestId('price-charged').first().textContent());
  const flash = Math.floor((price * 80) / 100);

  await seller.goto('/seller/marketing');
  await hydrated(seller);
  await expect(seller.getByRole('heading', { name: /Marketing/ })).toBeVisible();
  const now = Date.now();
  const window = { starts_at: utc(new Date(now - 60_000)), ends_at: utc(new Date(now + 2 * 86_400_000)) };
  const form = seller.getByTestId('promotion-form');
  // the form asks for what the kind needs
  await form.locator('[name="kind"]').selectOption('flash');
  await expect(form.locator('[name="units"]')).toBeVisible();
  await expect(form.locator('[name="spend_0"]')).toBeHidden();
  await form.locator('[name="kind"]').selectOption('spend_save');
  await expect(form.locator('[name="spend_0"]')).toBeVisible();
  await expect(form.locator('[name="units"]')).toBeHidden();
  // a flash price not below the price is refused on its field, and nothing typed is lost
  await createPromotion(seller, { title_en: 'Glow flash', title_zh: '煥亮搶購', kind: 'flash', products: key, price: String(price), units: '5', per_buyer: '1', ...window });
  await expect(seller.locator('[data-field-error="price"]')).not.toBeEmpty();
  await expect(form.locator('[name="title_en"]')).toHaveValue('Glow flash');
  await form.locator('[name="price"]').fill(String(flash));
  await form.getByRole('button', { name: 'Create promotion' }).click();
  await expect(seller.getByTestId('promotion-row')).toHaveCount(1);
  await hydrated(seller);
  // a 滿減 tier the flash-priced unit reaches, and a voucher on what is left
  const save = Math.max(1, Math.floor(flash / 10));
  await createPromotion(seller, { title_en: 'Spend and save', title_zh: '滿額折抵', kind: 'spend_save', spend_0: String(flash), save_0: String(save), ...window });
  await expect(seller.getByTestId('promotion-row')).toHaveCount(2);
  await hydrated(seller);
  const off = Math.max(1, Math.floor((flash - save) / 20));
  await createPromotion(seller, { title_en: 'Lotus voucher', title_zh: '蓮花優惠券', kind: 'voucher', amount: String(off), ...window });
  await expect(seller.getByTestId('promotion-row')).toHaveCount(3);
  await expect(seller.getByTestId('promotion-status').first()).toHaveText('Running');
  await hydrated(seller);
  await both(seller, 'marketing-area');

  // the shopper: the crossed-out price, the promo units left and a countdown that runs
  const shopper = await signUp(browser, `deals-${now}@example.com`);
  await shopper.goto(href);
  await hydrated(shopper);
  await expect(shopper.getByTestId('price-was').first()).toContainText(price.toLocaleString('en-US'));
  expect(ntd(await shopper.getByTestId('price-charged').first().textContent())).toBe(flash);
  await expect(shopper.getByTestId('flash-left')).toContainText('5 left');
  const countdown = shopper.getByTestId('deal-countdown');
  await expect(countdown).toHaveText(/^1d \d\d:\d\d:\d\d$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!, { timeout: 5_000 });
  // the shop's voucher, claimed into the wallet
  const voucher = shopper.getByTestId('voucher').filter({ hasText: 'Lotus voucher' });
  await voucher.getByTestId('claim-voucher').click();
  await expect(voucher.getByTestId('claim-voucher')).toHaveText('In your vouchers');
  await both(shopper, 'product-flash-sale');
  // following the shop (its member prices are the followers')
  const follow = shopper.getByTestId('follow-shop');
  const followers = ntd(await shopper.getByTestId('follower-count').textContent());
  await follow.click();
  await expect(follow).toHaveText('Following');
  await expect(shopper.getByTestId('follower-count')).toContainText(String(followers + 1));
  await shopper.locator('#add-to-cart button[type=submit]').click();
  await expect(shopper.getByTestId('added-to-cart')).toBeVisible();

  // the cart explains the discounts checkout will take, in stacking order
  await shopper.goto('/cart');
  await hydrated(shopper);
  await expect(shopper.getByTestId('promotion-applied')).toHaveCount(3);
  expect(ntd(await shopper.getByTestId('cart-after-discounts').textContent())).toBe(flash - save - off);
  await both(shopper, 'cart-discounts');

  // checkout: each discount explained in stacking order, the line's share, the total
  await shopper.goto('/checkout');
  await hydrated(shopper);
  const applied = shopper.getByTestId('promotion-applied');
  await expect(applied).toHaveCount(3);
  await expect(applied.nth(0)).toContainText('Glow flash');
  await expect(applied.nth(1)).toContainText(`Spend NT$${flash.toLocaleString('en-US')}, save NT$${save.toLocaleString('en-US')}`);
  await expect(applied.nth(2)).toContainText('Lotus voucher');
  await expect(shopper.getByTestId('line-discount')).toBeVisible();
  const goods = ntd(await shopper.getByTestId('group-after-discounts').textContent());
  expect(goods).toBe(flash - save - off);
  await shopper.getByLabel('Full name').fill('Deal Hunter');
  await shopper.getByLabel('Phone').fill('+886 912 345 678');
  await shopper.getByLabel('Address', { exact: true }).fill('No. 7, Lane 3, Songren Rd');
  await shopper.getByLabel('City').fill('Taipei');
  await shopper.getByLabel('Postal code').fill('110');
  await both(shopper, 'checkout-discounts');
  await shopper.getByTestId('place-order').click();
  await expect(shopper).toHaveURL(/\/checkout\/done\//);
  await shopper.getByTestId('order-card').first().click();
  await expect(shopper.getByTestId('order-total')).toBeVisible();
  expect(ntd(await shopper.getByTestId('order-discount').locator('dd').textContent())).toBe(price - goods);
  const fee = ntd(await shopper.getByTestId('order-shipping').textContent());
  expect(ntd(await shopper.getByTestId('order-total').textContent())).toBe(goods + fee);
  // the voucher is used; the flash price has one unit fewer left
  await shopper.goto('/vouchers');
  await hydrated(shopper);
  await expect(shopper.getByTestId('wallet-voucher').filter({ hasText: 'Lotus voucher' }).getByTestId('voucher-status')).toHaveText('Used');
  await both(shopper, 'voucher-wallet');
  await shopper.goto(href);
  await expect(shopper.getByTestId('flash-left')).toContainText('4 left');

  // the seller reads what each promotion gave away and the orders it was on
  await seller.reload();
  await hydrated(seller);
  const rows = seller.getByTestId('promotion-row');
  const glow = rows.filter({ hasText: 'Glow flash' });
  await expect(glow.getByTestId('promotion-spent')).toHaveText(`NT$${(price - flash).toLocaleString('en-US')}`);
  await expect(glow).toContainText('1 of 5 sold');
  await expect(rows.filter({ hasText: 'Spend and save' }).getByTestId('promotion-spent')).toHaveText(`NT$${save.toLocaleString('en-US')}`);
  await expect(rows.filter({ hasText: 'Lotus voucher' }).getByTestId('promotion-orders')).toHaveText('1');
  await both(seller, 'marketing-results');
  // the flash sale's report: the shop's orders before and during it, and what it gave
  await glow.getByTestId('promotion-report').click();
  await expect(seller).toHaveURL(/\/seller\/marketing\/[^/]+$/);
  await expect(seller.getByTestId('report-orders')).toHaveText('1');
  await expect(seller.getByTestId('report-spent')).toHaveText(`NT$${(price - flash).toLocaleString('en-US')}`);
  const during = seller.locator('[data-testid="report-period"][data-period="during"]');
  await expect(during.getByTestId('period-orders')).toHaveText('1');
  await expect(during.getByTestId('period-revenue')).toHaveText(`NT$${goods.toLocaleString('en-US')}`);
  await expect(seller.getByTestId('report-chart')).toBeVisible();
  const csv = await seller.request.get(await seller.getByTestId('report-csv').getAttribute('href') ?? '');
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\n')[2]).toMatch(/^during,.*,1,/);
  await both(seller, 'marketing-report');
  await seller.goto('/seller/marketing');
  await hydrated(seller);
  // ending them leaves the shop without running promotions for the other journeys
  for (const title of ['Glow flash', 'Spend and save', 'Lotus voucher']) {
    const row = rows.filter({ hasText: title });
    await row.getByRole('button', { name: 'End now' }).click();
    await expect(row.getByTestId('promotion-status')).toHaveText('Ended');
    await hydrated(seller);
  }
});
