import { test, expect } from '@playwright/test';
import { both, hydrated, photo, signIn } from './support';

test('a counterfeit of a protected brand is held; a moderator reads the reasons and rejects it; the seller reads why', async ({ browser }) => {
  test.setTimeout(120_000);
  const seller = await signIn(browser, 'seller3@demo.test');
  const errors: string[] = [];
  seller.on('pageerror', (e) => errors.push(e.message));

  // the seller lists a "Maison Lune" tote described as 高仿 (a high-grade copy)
  await seller.goto('/seller/listings/new');
  await hydrated(seller);
  await seller.getByLabel('Title (English)').fill('Maison Lune quilted tote');
  await seller.getByLabel('Title (Chinese)').fill('月之屋 絎縫托特包 高仿');
  await seller.getByLabel('Description (English)').fill('Quilted lambskin look, gold chain strap.');
  await seller.getByLabel('Category', { exact: true }).selectOption({ index: 1 });
  await seller.getByLabel('Price', { exact: true }).fill('1,480');
  await seller.getByLabel('Stock on hand').fill('4');
  await seller.getByTestId('save-listing').click();
  await expect(seller.getByTestId('saved')).toBeVisible();
  await seller.locator('#photo-files').setInputFiles([{ name: 'tote.png', mimeType: 'image/png', buffer: await photo(seller, '#7c3aed', 'linear') }]);
  await seller.getByTestId('upload-photos').click();
  await expect(seller.getByTestId('photo-list').locator('img')).toHaveCount(1);
  await hydrated(seller);
  await seller.getByTestId('listing-publish').click();
  await expect(seller.getByTestId('editor-status')).toHaveText('Held for review');
  await expect(seller.getByTestId('screening')).toContainText('Counterfeit wording');
  await expect(seller.getByTestId('screening')).toContainText('Maison Lune');
  const title = 'Maison Lune quilted tote';
  const editorUrl = seller.url();

  // a moderator finds it in the queue, filtered to held listings of that brand
  const mod = await signIn(browser, 'moderator@demo.test');
  await mod.goto('/admin');
  await mod.getByTestId('admin-moderation-link').click();
  await expect(mod).toHaveURL(/\/admin\/moderation$/);
  await hydrated(mod);
  await mod.getByTestId('queue-filters').getByLabel('Risk').selectOption('hold');
  await mod.getByTestId('queue-filters').getByLabel('Brand').selectOption('Maison Lune');
  await mod.getByRole('button', { name: 'Apply filters' }).click();
  await expect(mod).toHaveURL(/risk=hold/);
  const row = mod.getByTestId('case-rows').locator('li', { hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('case-risk')).toHaveText('High: held');
  await both(mod, 'moderation-queue');

  // the case: matched terms highlighted in both languages, the shop's history beside it
  await row.getByTestId('case-link').click();
  await expect(mod.getByTestId('case-title')).toContainText(title);
  await expect(mod.getByTestId('case-title').getByTestId('highlight')).toHaveText('Maison Lune');
  await expect(mod.locator('mark', { hasText: '高仿' })).toBeVisible();
  await expect(mod.getByTestId('case-reasons')).toContainText('Protected brand without authorisation');
  await expect(mod.getByTestId('shop-strikes')).toHaveText('0');
  await hydrated(mod);
  await both(mod, 'moderation-case');

  // rejecting without a ground or reasons is refused and names both
  await mod.getByTestId('decide-reject').click();
  await expect(mod.locator('[data-field-error=ground]')).toBeVisible();
  await expect(mod.locator('[data-field-error=statement]')).toBeVisible();
  await expect(mod.getByTestId('case-status')).toHaveText('Open');
  const statement = 'The listing offers a copy (高仿) of Maison Lune, a protected brand this shop is not authorised to sell.';
  await mod.getByTestId('decision-ground').selectOption('counterfeit');
  await mod.getByTestId('decision-statement').fill(statement);
  await mod.getByTestId('decide-reject').click();
  await expect(mod.getByTestId('case-status')).toHaveText('Rejected');
  await expect(mod.getByTestId('shop-strikes')).toHaveText('1');

  // the seller reads the statement of reasons, the ground and the strike
  await seller.goto('/seller');
  await hydrated(seller);
  await seller.getByTestId('seller-nav').getByRole('link', { name: 'Notices and decisions' }).click();
  await expect(seller).toHaveURL(/\/seller\/notices$/);
  const decision = seller.getByTestId('my-decisions').getByTestId('decision').first();
  await expect(decision.getByTestId('decision-statement-text')).toHaveText(statement);
  await expect(decision).toContainText('Counterfeit goods');
  await expect(decision).toContainText('Strike');
  await expect(seller.getByTestId('my-strikes')).toHaveText('1');
  await expect(seller.getByTestId('my-sanction')).toHaveText('Warning');
  await both(seller, 'seller-notices');

  // the rejected listing stays down: its editor says why and offers no way back on sale
  await seller.goto(editorUrl);
  await hydrated(seller);
  await expect(seller.getByTestId('listing-locked')).toContainText('A moderator rejected this listing');
  await expect(seller.getByTestId('listing-publish')).toHaveCount(0);
  await expect(seller.getByTestId('listing-duplicate')).toHaveCount(0);
  await both(seller, 'seller-listing-locked');
  expect(errors, 'no page errors for the seller').toEqual([]);
});
