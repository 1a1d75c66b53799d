import { test, expect, Page } from '@playwright/test';
import { hydrated } from './support';

/** Opens the first product on the home page that is in stock. */
async function openInStockProduct(page: Page) {
  await page.goto('/');
  const hrefs = await page.getByTestId('product-grid').first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) {
    await page.goto(href!);
    const button = page.locator('#add-to-cart button[type=submit]');
    if (await button.isEnabled()) return;
  }
  throw new Error('no product in stock on the home page');
}

test('a shopper adds to the cart, sees it grouped by seller, changes and removes lines', async ({ page }) => {
  await openInStockProduct(page);
  await hydrated(page);
  const title = (await page.locator('h1').textContent())!.trim();
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('2');

  await page.getByTestId('added-to-cart').getByRole('link', { name: 'View cart' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-group')).toHaveCount(1);
  const line = page.getByTestId('cart-line').first();
  await expect(line).toContainText(title);
  await expect(line.getByLabel('Quantity')).toHaveValue('2');
  await hydrated(page);
  await page.screenshot({ path: 'end2end/screenshots/cart.png', fullPage: false });

  await line.getByLabel('Quantity').fill('3');
  await line.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('cart-count')).toHaveText('3');

  await page.getByTestId('cart-line').first().getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('cart-empty')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('0');
});

test('a shopper picks a colour and a size and buys that variant', async ({ page }) => {
  await page.goto('/c/fashion');
  await page.getByTestId('product-grid').locator('a', { hasText: ' / S' }).first().click();
  await hydrated(page);
  const pickers = page.getByTestId('variants');
  const size = pickers.getByRole('group', { name: 'Size' });
  await expect(size.locator('[aria-current=true]')).toHaveText(/^S\b/);
  const priceS = (await page.getByTestId('price').first().textContent())!.trim();

  // choosing L opens that variant's own page, with its own title and price
  await size.getByRole('link', { name: 'L', exact: true }).click();
  await expect(page.locator('h1')).toContainText('/ L');
  await expect(size.locator('[aria-current=true]')).toHaveText(/^L\b/);
  await expect(page.getByTestId('price').first()).not.toHaveText(priceS);
  // the other colour in L is sold out: shown struck through, still reachable
  await expect(pickers.getByRole('group', { name: 'Colour' }).locator('a.line-through')).toHaveCount(1);
  await page.screenshot({ path: 'end2end/screenshots/product-variants.png' });
  // on a phone: no sideways scrolling, pickers wrap
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await pickers.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'end2end/screenshots/product-variants-mobile.png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  const title = (await page.locator('h1').textContent())!.trim();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
  await page.goto('/cart');
  await expect(page.getByTestId('cart-line').first()).toContainText(title);
});
