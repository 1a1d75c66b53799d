import { test, expect } from '@playwright/test';
import { hydrated } from './support';

// The seller centre and admin pages are lazy routes built into their own wasm chunks
// (`cargo leptos build --split`): shoppers must not download them, and a seller page
// must still hydrate, opened directly or reached by a client-side link.

function wasmRequests(page: import('@playwright/test').Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('.wasm')) seen.push(url.pathname);
  });
  return seen;
}

test('shoppers never download the seller centre; seller pages load their own chunk and hydrate', async ({ page }) => {
  const seen = wasmRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await hydrated(page);
  await page.goto('/c/fashion');
  await hydrated(page);
  expect(seen.some((p) => p.endsWith('/marketplace.wasm')), 'the main bundle loads').toBe(true);
  expect(seen.filter((p) => p.includes('split___lazy')), 'no seller or admin chunk for a shopper').toEqual([]);

  // a seller opens the seller centre from the account menu: a client-side navigation
  await page.goto('/login?next=/');
  await hydrated(page);
  await page.getByLabel('Email').fill('seller1@demo.test');
  await page.getByLabel('Password').fill('marketplace-demo');
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  expect(seen.filter((p) => p.includes('split___lazy'))).toEqual([]);
  await page.getByTestId('account-menu').click();
  await page.getByRole('link', { name: 'Seller centre' }).click();
  await expect(page).toHaveURL(/\/seller$/);
  await expect(page.getByTestId('funnel')).toBeVisible();
  expect(seen.some((p) => p.includes('split___lazy_seller_page_view'))).toBe(true);

  // opened directly, the listings page hydrates once its own chunk has arrived
  const before = seen.length;
  await page.goto('/seller/listings');
  await hydrated(page);
  expect(seen.slice(before).some((p) => p.includes('split___lazy_seller_listings_page_view'))).toBe(true);
  await expect(page.getByTestId('listing-rows')).toBeVisible();
  expect(errors, 'no page errors').toEqual([]);
});
