// Buyer protection: a shopper buys from a shop and confirms delivery; the seller
// refuses the return of a damaged item; the shopper asks Harbour Market to decide and
// the seller answers; a moderator reads the case (timeline, return photo, both sides)
// and refunds the buyer from the shop's balance; the seller's ledger shows the refund.
import { test, expect, Browser, Page } from '@playwright/test';
import { both, capture, hydrated, payShipDeliver, photo, signIn } from './support';

async function signUp(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Name').fill('Claire Buyer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
  return page;
}

/** Buys one in-stock product of `shop`; returns the order's id. */
async function buyFrom(page: Page, shop: string): Promise<string> {
  await page.goto(`/s/${shop}`);
  const hrefs = await page.getByTestId('product-grid').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  let added = false;
  for (const href of [...new Set(hrefs)]) {
    await page.goto(href);
    const button = page.locator('#add-to-cart button[type=submit]');
    if (!(await button.isEnabled())) continue;
    await hydrated(page);
    await button.click();
    await expect(page.getByTestId('added-to-cart')).toBeVisible();
    added = true;
    break;
  }
  expect(added, 'something in stock').toBeTruthy();
  await page.goto('/checkout');
  await hydrated(page);
  await page.getByLabel('Full name').fill('Claire Buyer');
  await page.getByLabel('Phone').fill('+886 912 345 678');
  await page.getByLabel('Address', { exact: true }).fill('No. 7, Section 1, Roosevelt Rd');
  await page.getByLabel('City').fill('Taipei');
  await page.getByLabel('Postal code').fill('100');
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/checkout\/done\//);
  const href = await page.getByTestId('order-card').first().getAttribute('href');
  return href!.split('/').pop()!;
}

test('a refused return becomes a claim a moderator decides for the buyer; the ledger shows the refund', async ({ browser }) => {
  const buyer = await signUp(browser, `claim-${Date.now()}@example.com`);
  const id = await buyFrom(buyer, 'formosa-tea-house');

  // the seller takes payment, ships and reports delivery; the buyer confirms it
  const seller = await signIn(browser, 'seller1@demo.test');
  await payShipDeliver(seller, buyer, id, 'T-Cat');

  // the buyer returns it as not as described, with a photo: the seller pays the postage
  await buyer.getByTestId('return-panel').locator('summary').click();
  await expect(buyer.getByTestId('postage-rule')).toContainText('the seller pays');
  await buyer.getByLabel('Reason').selectOption('not_as_described');
  await buyer.getByLabel(/Details/).fill('The tin holds a different tea from the one pictured.');
  await buyer.getByLabel(/^Photos/).setInputFiles({ name: 'tin.png', mimeType: 'image/png', buffer: await photo(buyer, '#7a4b2a') });
  await buyer.getByTestId('submit-return').click();
  await expect(buyer.getByTestId('return-state')).toHaveText("Waiting for the seller's answer");
  await expect(buyer.getByTestId('return-postage')).toHaveText('The seller pays the return postage.');

  // the seller refuses it, with a reason
  await seller.reload();
  await hydrated(seller);
  await seller.getByTestId('refusal-reason').fill('It is the tea in the listing; the label was updated.');
  await seller.getByTestId('refuse-return').click();
  await expect(seller.getByTestId('return-state')).toHaveText('Refused by the seller');

  // the buyer writes to the seller about the order first
  await buyer.reload();
  await hydrated(buyer);
  await expect(buyer.getByTestId('return-refusal')).toContainText('the label was updated');
  await buyer.getByTestId('ask-seller-link').click();
  await hydrated(buyer);
  await buyer.getByLabel('Message').fill('The tin says black tea, the listing says green oolong. Which is it?');
  await buyer.getByTestId('send-message').click();
  await expect(buyer.getByTestId('message').last().getByTestId('message-body')).toContainText('green oolong');

  // then asks Harbour Market to decide; the seller gives their side
  await buyer.goto(`/orders/${id}`);
  await hydrated(buyer);
  await buyer.getByLabel(/What happened/).fill('The listing shows a green oolong; I received a black tea.');
  await buyer.getByTestId('claim-submit').click();
  await expect(buyer.getByTestId('claim-state')).toContainText("Waiting for the seller's side");
  await capture(buyer, 'claim-opened');
  await seller.reload();
  await hydrated(seller);
  await seller.getByLabel(/Your side/).fill('Both teas come from the same garden; the photo is of last year’s harvest.');
  await seller.getByTestId('answer-claim-submit').click();
  await expect(seller.getByTestId('claim-state')).toHaveText('A moderator is reviewing it');

  // a moderator finds it in the queue, reads the case and refunds the buyer
  const mod = await signIn(browser, 'moderator@demo.test');
  await mod.goto('/admin');
  await hydrated(mod);
  await mod.getByTestId('admin-disputes-link').click();
  await expect(mod).toHaveURL(/\/admin\/disputes$/);
  const link = mod.getByTestId('open-disputes').getByTestId('dispute-link').first();
  await expect(link).toBeVisible();
  await both(mod, 'dispute-queue');
  await mod.goto(`/admin/disputes/${id}`);
  await hydrated(mod);
  await expect(mod.getByTestId('dispute-sides')).toContainText('I received a black tea');
  await expect(mod.getByTestId('dispute-sides')).toContainText('same garden');
  await expect(mod.getByTestId('dispute-timeline')).toContainText('Claim opened');
  await expect(mod.getByTestId('dispute-conversation')).toContainText('Which is it?');
  await expect(mod.getByTestId('return-photos').locator('img')).toHaveCount(1);
  await expect
    .poll(() => mod.getByTestId('return-photos').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await both(mod, 'dispute-case');
  await mod.getByTestId('outcome-refund').check();
  await mod.getByLabel('Reasons:').fill('The listing shows a green oolong; the buyer received a different tea.');
  await mod.getByTestId('decide-dispute-submit').click();
  await expect(mod.getByTestId('dispute-decision')).toContainText('green oolong');

  // the buyer sees the outcome; the seller's ledger has the refund
  await buyer.reload();
  await expect(buyer.getByTestId('claim-state')).toHaveText('Decided: refunded');
  await expect(buyer.getByTestId('claim-reasons')).toContainText('green oolong');
  await both(buyer, 'claim-decided');
  await seller.goto('/seller/money');
  await expect(seller.getByTestId('ledger')).toContainText('Refund');
  await capture(seller, 'claim-ledger-refund');
});
