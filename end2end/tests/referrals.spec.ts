import { test, expect, Page, Browser } from '@playwright/test';
import { advanceClock, both, capture, hydrated, payShipDeliver, shot, signIn } from './support';

const PASSWORD = 'a long enough password';

async function signUp(browser: Browser, name: string, email: string, start = '/'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(start);
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
  return page;
}

/** Adds the first in-stock product of `hrefs` to the cart; returns its address. */
async function addFirstInStock(page: Page, hrefs: string[]): Promise<string> {
  for (const href of hrefs) {
    await page.goto(href);
    const button = page.locator('#add-to-cart button[type=submit]');
    if (!(await button.isEnabled())) continue;
    await hydrated(page);
    await button.click();
    await expect(page.getByTestId('added-to-cart')).toBeVisible();
    return href;
  }
  throw new Error('nothing in stock');
}

async function checkOut(page: Page, line1: string): Promise<string> {
  await page.goto('/checkout');
  await hydrated(page);
  await page.getByLabel('Full name').fill('Share Tester');
  await page.getByLabel('Phone').fill('+886 912 345 678');
  await page.getByLabel('Address', { exact: true }).fill(line1);
  await page.getByLabel('City').fill('Taipei');
  await page.getByLabel('Postal code').fill('110');
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/checkout\/done\//);
  const href = await page.getByTestId('order-card').first().getAttribute('href');
  return href!.split('/').pop()!;
}

test('A shares a product; B opens the link, signs up and buys; after the return window A spends the credit', async ({ browser, request }) => {
  const stamp = Date.now();
  const a = await signUp(browser, 'Ada Sharer', `sharer-${stamp}@example.com`);

  // a shop page, then one of its products, and the share dialog with A's code
  await a.goto('/s/formosa-tea-house');
  await expect(a.getByTestId('shop-header')).toBeVisible();
  await expect(a.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/share\/card\/s\/formosa-tea-house\.svg$/);
  const hrefs = [...new Set(await a.getByTestId('product-grid').locator('a').evaluateAll((as) => as.map((x) => x.getAttribute('href')!)))];
  let productHref = '';
  for (const href of hrefs) {
    await a.goto(href);
    if (await a.locator('#add-to-cart button[type=submit]').isEnabled()) {
      productHref = href;
      break;
    }
  }
  expect(productHref).not.toBe('');
  const key = productHref.split('/')[2];
  await expect(a.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  await expect(a.locator('meta[property="og:image"]')).toHaveAttribute('content', new RegExp(`/share/card/p/${key}\\.svg$`));
  await hydrated(a);
  await a.getByTestId('share-button').click();
  const url = a.getByTestId('share-url');
  await expect(url).toHaveValue(/\?ref=[a-z2-9]{8}$/);
  await expect(a.getByTestId('share-earn')).toBeVisible();
  for (const network of ['line', 'facebook', 'x', 'whatsapp', 'telegram']) {
    await expect(a.locator(`[data-network=${network}]`)).toHaveAttribute('href', /^https:\/\/.*ref%3D[a-z2-9]{8}/);
  }
  await expect(a.getByTestId('share-qr')).toBeVisible();
  // the QR code may still be loading when it appears: wait for it to decode
  await expect
    .poll(() => a.getByTestId('share-qr').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await a.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await a.getByTestId('share-copy').click();
  await expect(a.getByTestId('share-copy')).toHaveText('Copied!');
  await a.screenshot({ path: shot('share-dialog') });
  const shared = new URL(await url.inputValue());
  expect(shared.pathname).toBe(productHref);

  // the share card the page names as its image
  const cardPage = await (await browser.newContext({ viewport: { width: 1200, height: 630 } })).newPage();
  const card = await cardPage.goto(`/share/card/p/${key}.svg`);
  expect(card!.headers()['content-type']).toBe('image/svg+xml');
  await cardPage.screenshot({ path: shot('share-card') });

  // B opens the link in their own browser, signs up and buys: a welcome discount
  const b = await signUp(browser, 'Ben Friend', `friend-${stamp}@example.com`, shared.pathname + shared.search);
  await addFirstInStock(b, [productHref]);
  await b.goto('/checkout');
  await expect(b.getByTestId('welcome-applied')).toBeVisible();
  const order = await checkOut(b, '8 Friend Street');

  // the seller takes payment, ships and reports delivery; the friend confirms it
  const admin = await signIn(browser, 'admin@demo.test');
  await payShipDeliver(admin, b, order);

  // A's reward is pending until the return window closes
  await a.goto('/rewards');
  await expect(a.getByTestId('reward-row')).toHaveCount(1);
  await expect(a.getByTestId('reward-row')).toHaveAttribute('data-status', 'pending');
  await expect(a.getByTestId('credit-available')).toHaveText('NT$0');
  await expect(a.getByTestId('stat-clicks')).toHaveText('1');
  await expect(a.getByTestId('stat-signups')).toHaveText('1');

  try {
    expect((await advanceClock(request, 8)).ok()).toBeTruthy();
    await a.goto('/rewards');
    await expect(a.getByTestId('reward-row')).toHaveAttribute('data-status', 'available');
    const credit = (await a.getByTestId('credit-available').textContent())!.trim();
    expect(credit).not.toBe('NT$0');
    await expect(a.getByTestId('credit-history').locator('li')).toHaveCount(3);
    await both(a, 'my-rewards');

    // A spends it at checkout
    await addFirstInStock(a, hrefs.filter((h) => h !== productHref).concat([productHref]));
    await a.goto('/checkout');
    await expect(a.getByTestId('store-credit')).toContainText(credit);
    await expect(a.getByTestId('use-credit')).toBeChecked();
    const mine = await checkOut(a, '77 Harbour Road');
    await a.goto(`/orders/${mine}`);
    await expect(a.getByTestId('order-credit')).toContainText(credit);
    await expect(a.getByTestId('order-to-pay')).toBeVisible();
    await a.goto('/rewards');
    await expect(a.getByTestId('credit-available')).toHaveText('NT$0');

    // a second account opened in A's browser (the same device cookie) buys through A's
    // link: the reward is held for moderators with the evidence
    const device = (await a.context().cookies()).find((c) => c.name === 'hm_device')!;
    const altContext = await browser.newContext();
    await altContext.addCookies([device]);
    const alt = await altContext.newPage();
    await alt.goto(shared.pathname + shared.search);
    await alt.goto('/signup');
    await hydrated(alt);
    await alt.getByLabel('Name').fill('Ada Again');
    await alt.getByLabel('Email').fill(`alt-${stamp}@example.com`);
    await alt.getByLabel('Password').fill(PASSWORD);
    await alt.getByRole('button', { name: 'Create account' }).click();
    await expect(alt.getByTestId('account-menu')).toBeVisible();
    await addFirstInStock(alt, [productHref]);
    await checkOut(alt, '9 Other Street');
    const moderator = await signIn(browser, 'moderator@demo.test');
    await moderator.goto('/admin/moderation');
    const held = moderator.getByTestId('held-reward').filter({ hasText: `alt-${stamp}@example.com` });
    await expect(held).toHaveCount(1);
    await expect(held.locator('[data-flag=same_device]')).toBeVisible();
    await expect(held.getByTestId('evidence')).toContainText('device');
    await hydrated(moderator);
    await held.scrollIntoViewIfNeeded();
    await moderator.getByTestId('held-rewards').screenshot({ path: shot('moderation-held-rewards') });
    // rejecting needs a reason
    await held.getByRole('button', { name: 'Reject' }).click();
    await expect(held.getByRole('alert')).toBeVisible();
    await held.getByLabel('Reason (needed to reject)').fill('Same browser as the sharer: a second account of theirs.');
    await held.getByRole('button', { name: 'Reject' }).click();
    await expect(moderator.getByTestId('held-reward').filter({ hasText: `alt-${stamp}@example.com` })).toHaveCount(0);

    // the platform's view of the campaign
    await admin.goto('/admin/campaigns');
    await expect(admin.getByTestId('campaign-row').first()).toBeVisible();
    await expect(admin.getByTestId('traffic-chart')).toBeVisible();
    await capture(admin, 'admin-campaigns');

    // a seller funds a campaign of their own from the seller centre
    const seller = await signIn(browser, 'seller1@demo.test');
    await seller.goto('/seller/sharing');
    await hydrated(seller);
    await expect(seller.getByRole('heading', { name: 'Sharing rewards for your products' })).toBeVisible();
    const form = seller.getByTestId('shop-campaign-form');
    await form.getByLabel('Name').fill('Tea friends');
    await form.getByLabel('Rate (%)').fill('150');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await expect(form.locator('[data-field-error=rate]')).not.toBeEmpty();
    await expect(form.getByLabel('Name')).toHaveValue('Tea friends');
    await form.getByLabel('Rate (%)').fill('8');
    await form.getByLabel('Cap per order (empty: none)').fill('150');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await expect(seller.getByTestId('shop-campaigns').getByTestId('campaign-row')).toHaveCount(1);
    await expect(seller.getByTestId('shop-campaigns')).toContainText('8% ≤ NT$150');
    await both(seller, 'seller-sharing');
    // paused again so the rest of the suite sees the platform's campaign only
    await seller.getByTestId('shop-campaigns').getByRole('button').click();
    await expect(seller.getByTestId('shop-campaigns')).toContainText('Paused');
  } finally {
    await advanceClock(request, -8);
  }
});
