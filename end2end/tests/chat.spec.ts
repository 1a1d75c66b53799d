// Conversations: a shopper asks a shop from a product page; the seller sees the unread
// count, answers from the seller centre with a canned reply; the shopper's open page
// shows the answer without a reload, and the mail about it arrives at the real mail
// server (MailDev), whose web inbox shows it.
import { test, expect, Page } from '@playwright/test';
import { both, capture, hydrated, photo, signIn } from './support';

const mailWeb = (path: string) => `http://127.0.0.1:${process.env.E2E_MAIL_WEB}${path}`;
const mailApi = (path: string) => mailWeb(`/api${path}`);

/** The first product of the shop that can be bought. */
async function productOf(page: Page, shop: string): Promise<string> {
  await page.goto(`/s/${shop}`);
  const hrefs = await page.getByTestId('product-grid').locator('a').evaluateAll((as) => as.map((x) => x.getAttribute('href')!));
  return hrefs[0];
}

test('a question from a product page is answered from the seller centre and arrives without a reload, and by mail', async ({ browser, request }) => {
  const seller = await signIn(browser, 'seller1@demo.test');
  await seller.goto('/seller/messages');
  await hydrated(seller);
  const canned = seller.getByTestId('canned-replies');
  await canned.locator('#canned').fill('Thank you for asking! It ships within 2 days.\n謝謝詢問！兩天內出貨。');
  await canned.getByRole('button', { name: 'Save replies' }).click();
  await expect(canned.getByText('Saved.')).toBeVisible();

  const shopper = await signIn(browser, 'shopper@demo.test');
  const href = await productOf(shopper, 'formosa-tea-house');
  await shopper.goto(href);
  await shopper.getByTestId('ask-seller-link').click();
  await expect(shopper).toHaveURL(/\/messages\/to\/formosa-tea-house\?product=/);
  await hydrated(shopper);
  await expect(shopper.getByTestId('composer-context')).toBeVisible();
  await shopper.getByLabel('Message').fill('Is this tea from this year\'s harvest? Call me on 0912-345-678');
  await shopper.getByTestId('send-message').click();
  await expect(shopper).toHaveURL(/\/messages\/[a-z0-9]+$/);
  const mine = shopper.getByTestId('message').last();
  await expect(mine.getByTestId('message-body')).toHaveText("Is this tea from this year's harvest? Call me on •••");
  await expect(mine.getByTestId('message-masked')).toBeVisible();
  await expect(mine.getByTestId('message-product')).toBeVisible();
  await hydrated(shopper);

  // the seller's header counts it without a reload; the inbox shows it waiting
  await expect(seller.getByTestId('shop-unread').first()).toHaveText(/1/, { timeout: 15_000 });
  // a seller-centre page hydrates once its own chunk has arrived, by when the header
  // may already know the count: the page must still hydrate
  await seller.goto('/seller/messages?filter=unanswered');
  await hydrated(seller);
  await expect(seller.getByTestId('thread-waiting')).toBeVisible();
  await both(seller, 'chat-seller-inbox');
  await seller.getByTestId('thread-row').first().click();
  await expect(seller.getByTestId('thread-with')).not.toBeEmpty();
  await hydrated(seller);
  await seller.getByTestId('canned-picks').getByRole('button').first().click();
  await expect(seller.getByLabel('Message')).toHaveValue('Thank you for asking! It ships within 2 days.');
  await seller.getByTestId('send-message').click();
  await expect(seller.getByTestId('message').last()).toHaveAttribute('data-mine', 'true');
  await expect(seller.getByLabel('Message')).toHaveValue('');

  // the shopper's open page shows the answer without a reload
  const answer = shopper.getByTestId('message').last();
  await expect(answer).toHaveAttribute('data-mine', 'false', { timeout: 15_000 });
  await expect(answer.getByTestId('message-body')).toHaveText('Thank you for asking! It ships within 2 days.');
  await both(shopper, 'chat-thread');

  // the mail about the answer reaches the shopper's inbox at the mail server
  let mail: any;
  await expect
    .poll(
      async () => {
        const all = await (await request.get(mailApi('/email'))).json();
        mail = all.find(
          (m: any) => m.to.some((t: any) => t.address === 'shopper@demo.test') && /Formosa Tea House|福爾摩沙茶屋/.test(m.subject),
        );
        return Boolean(mail);
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(true);
  expect(mail.text).toContain('Thank you for asking!');
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(mailWeb(`/#/email/${mail.id}`));
  await expect(inbox.getByText(mail.subject).first()).toBeVisible();
  await capture(inbox, 'chat-email-in-web-inbox');

  // a photo of what arrived: the form carries it, the thread shows it to both
  await shopper.goto(shopper.url());
  await hydrated(shopper);
  await shopper.getByLabel('Message').fill('The lid arrived dented, see the photo.');
  await shopper.getByTestId('message-photos-input').setInputFiles([
    { name: 'lid.png', mimeType: 'image/png', buffer: await photo(shopper, '#b45309') },
  ]);
  await shopper.getByTestId('send-message').click();
  const withPhoto = shopper.getByTestId('message').last();
  await expect(withPhoto.getByTestId('message-photos').locator('img')).toHaveCount(1);
  await expect(withPhoto.getByTestId('message-body')).toHaveText('The lid arrived dented, see the photo.');
  const thumb = await withPhoto.getByTestId('message-photos').locator('img').getAttribute('src');
  expect((await shopper.request.get(thumb!)).headers()['content-type']).toBe('image/jpeg');
  await expect(seller.getByTestId('message').last().getByTestId('message-photos').locator('img')).toHaveCount(1, {
    timeout: 15_000,
  });
  await both(seller, 'chat-thread-photo');

  await shopper.goto('/messages');
  await expect(shopper.getByTestId('thread-row')).toHaveCount(1);
  await both(shopper, 'chat-inbox');
});
