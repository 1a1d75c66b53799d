import { test, expect } from '@playwright/test';
import { both, hydrated, photo, signIn } from './support';

test('a buyer reviews a delivered item with a photo; the average moves; the seller replies; another shopper finds it helpful', async ({ browser }) => {
  test.setTimeout(150_000);
  // the demo shopper's first order (Formosa Tea House) was delivered three days ago
  const buyer = await signIn(browser, 'shopper@demo.test');
  const errors: string[] = [];
  buyer.on('pageerror', (e) => errors.push(e.message));
  await buyer.goto('/orders/demo1');
  await hydrated(buyer);
  const line = buyer.getByTestId('line-review').first();
  await expect(line.getByTestId('write-review')).toBeVisible();

  await line.getByTestId('write-review').click();
  await expect(buyer.getByTestId('review-form')).toBeVisible();
  const productHref = await buyer.getByTestId('review-product').getAttribute('href');
  expect(productHref).toMatch(/^\/p\//);

  // the product page before: its rating count
  const before = await buyer.context().newPage();
  await before.goto(productHref!);
  await expect(before.getByTestId('reviews')).toBeVisible();
  const countBefore = (await before.getByTestId('rating-count').count()) ? Number(await before.getByTestId('rating-count').textContent()) : 0;
  await before.close();

  // write the review: five stars, a title, text and a photo
  await hydrated(buyer);
  await buyer.getByRole('radio', { name: '5 / 5' }).check();
  await buyer.getByLabel('Title (optional)').fill('Fragrant and fresh');
  await buyer.getByLabel('Your review').fill('The leaves unfurl beautifully and the second steep is even better. Packed with care.');
  await buyer.getByLabel('Quality').selectOption('5');
  await buyer.getByTestId('review-photos-input').setInputFiles([{ name: 'cup.png', mimeType: 'image/png', buffer: await photo(buyer, '#15803d') }]);
  await both(buyer, 'review-form');
  await buyer.getByTestId('review-submit').click();

  // published: on the product page, with the photo, and the count went up by one
  await expect(buyer).toHaveURL(/\/p\/.*#review-demo1_0$/);
  await hydrated(buyer);
  const mine = buyer.locator('#review-demo1_0');
  await expect(mine.getByTestId('review-title')).toHaveText('Fragrant and fresh');
  await expect(mine.getByTestId('review-photos').locator('img')).toHaveCount(1);
  await expect(buyer.getByTestId('rating-count')).toHaveText(String(countBefore + 1));
  const avg = Number(await buyer.getByTestId('rating-avg').textContent());
  expect(avg).toBeGreaterThan(0);
  expect(avg).toBeLessThanOrEqual(5);
  // the buyer cannot mark their own review helpful
  await expect(mine.getByTestId('helpful')).toHaveCount(0);

  // the seller sees it waiting for a reply and answers publicly
  const seller = await signIn(browser, 'seller1@demo.test');
  await seller.goto('/seller');
  await hydrated(seller);
  await seller.getByTestId('seller-nav').getByRole('link', { name: 'Reviews' }).click();
  await expect(seller).toHaveURL(/\/seller\/reviews$/);
  await seller.getByRole('link', { name: 'Needs reply' }).click();
  await expect(seller).toHaveURL(/filter=needs_reply/);
  await hydrated(seller);
  const card = seller.locator('#review-demo1_0');
  await expect(card).toContainText('The leaves unfurl beautifully');
  await card.getByTestId('reply-text').fill('Thank you! The second steep is our favourite too.');
  await card.getByTestId('reply-submit').click();
  await expect(card.getByTestId('my-reply')).toContainText('second steep is our favourite');
  await seller.getByTestId('reply-guide').locator('summary').click();
  await both(seller, 'seller-reviews');

  // another shopper reads the reply and marks the review helpful (once)
  const other = await signIn(browser, 'moderator@demo.test');
  await other.goto(`${productHref}#reviews`);
  await hydrated(other);
  const review = other.locator('#review-demo1_0');
  await expect(review.getByTestId('seller-reply')).toContainText('second steep is our favourite');
  await expect(review.getByTestId('helpful-count')).toContainText('0');
  await review.getByTestId('helpful').click();
  await expect(review.getByTestId('helpful-count')).toContainText('1');
  await expect(review.getByTestId('helpful')).toBeDisabled();
  // filters: five-star reviews with photos include it
  await other.getByTestId('review-filters').getByRole('link', { name: /With photos/ }).click();
  await expect(other).toHaveURL(/photos=1/);
  await expect(other.locator('#review-demo1_0')).toBeVisible();
  await other.reload();
  await hydrated(other);
  await expect(other.locator('#review-demo1_0').getByTestId('helpful-count')).toContainText('1');
  await other.locator('#reviews').scrollIntoViewIfNeeded();
  await both(other, 'product-reviews');

  // the buyer's order page now shows the review and offers an edit
  await buyer.goto('/orders/demo1');
  await hydrated(buyer);
  await expect(buyer.getByTestId('line-review').first().getByTestId('my-review-status')).toHaveText('Published');
  await expect(buyer.getByTestId('line-review').first().getByTestId('edit-review')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a review with a phone number is held for a moderator, who publishes it', async ({ browser }) => {
  test.setTimeout(120_000);
  const buyer = await signIn(browser, 'shopper@demo.test');
  await buyer.goto('/orders/demo1');
  await hydrated(buyer);
  const second = buyer.getByTestId('line-review').nth(1);
  await second.getByTestId('write-review').click();
  await hydrated(buyer);
  await buyer.getByRole('radio', { name: '4 / 5' }).check();
  await buyer.getByLabel('Your review').fill('Nice tea. Questions? Call me on 0912-345-678 any time.');
  await buyer.getByTestId('review-submit').click();
  await expect(buyer).toHaveURL(/\/orders\/demo1#reviews$/);
  await expect(buyer.getByTestId('line-review').nth(1).getByTestId('my-review-status')).toHaveText('Being checked by our team');

  const mod = await signIn(browser, 'moderator@demo.test');
  await mod.goto('/admin/moderation');
  await hydrated(mod);
  const held = mod.getByTestId('mod-review').filter({ hasText: '0912-345-678' });
  await expect(held.getByTestId('mod-review-flags')).toContainText('Phone number');
  await held.scrollIntoViewIfNeeded();
  await mod.screenshot({ path: 'end2end/screenshots/moderation-reviews.png', fullPage: false });
  // removing needs a reason
  await held.getByTestId('mod-review-remove').click();
  await expect(held.getByTestId('mod-review-error')).toBeVisible();
  await held.getByTestId('mod-review-keep').click();
  await expect(held.getByTestId('mod-review-done')).toBeVisible();

  await buyer.reload();
  await hydrated(buyer);
  await expect(buyer.getByTestId('line-review').nth(1).getByTestId('my-review-status')).toHaveText('Published');
});
