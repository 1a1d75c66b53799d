import { test, expect } from '@playwright/test';
import { hydrated } from './support';

test('the search box suggests a correction and products while typing', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.locator('#q').pressSequentially('earbds', { delay: 40 });
  const box = page.getByTestId('suggestions');
  await expect(box).toBeVisible();
  await expect(page.getByTestId('suggest-correction')).toContainText('earbuds');
  await page.screenshot({ path: 'end2end/screenshots/search-suggestions.png' });
  await page.getByTestId('suggest-correction').click();
  await expect(page).toHaveURL(/\/search\?q=earbuds$/);
  await expect(page.locator('[data-testid=product-grid] mark').first()).toBeVisible();
  // a product page shows its gallery and related products
  await page.getByTestId('product-grid').locator('a').first().click();
  await expect(page.getByTestId('gallery')).toBeVisible();
  await expect(page.getByTestId('related').locator('li').first()).toBeVisible();
});

test('the home page advertises running promotions, which open that shop in the category', async ({ page }) => {
  await page.goto('/');
  const promos = page.getByTestId('promotions');
  await expect(promos.locator('li').first()).toBeVisible();
  await expect(promos).not.toContainText('Autumn sale'); // the seeded promotion that ended
  await promos.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'end2end/screenshots/home-promotions.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await promos.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'end2end/screenshots/home-promotions-mobile.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  const shop = (await promos.getByTestId('promo-shop').first().textContent())!.trim();
  await promos.locator('a').first().click();
  await expect(page).toHaveURL(/\/c\/[a-z-]+\?shop=/);
  // the URL changes before the client-side navigation has rendered the new grid
  await expect(page.getByTestId('product-grid').locator('.pcard-shop').first()).toHaveText(shop);
  // after a client-side navigation the language links still return to this filtered page
  await expect(page.getByTestId('lang-switcher').getByText('繁體中文')).toHaveAttribute('href', /next=\/c\/[a-z-]+%3Fshop%3D/);
  const shops = await page.getByTestId('product-grid').locator('.pcard-shop').allTextContents();
  expect(shops.length).toBeGreaterThan(0);
  expect(new Set(shops.map((s) => s.trim()))).toEqual(new Set([shop]));
});
