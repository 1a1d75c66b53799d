// Product questions: a shopper asks on a product page; the seller answers from the
// seller centre's question list; the answer is on the product page, found by the
// page's search, and mailed to the shopper through the real mail server (MailDev).
import { test, expect, Page } from '@playwright/test';
import { both, capture, hydrated, signIn } from './support';

const mailWeb = (path: string) => `http://127.0.0.1:${process.env.E2E_MAIL_WEB}${path}`;

/** The second product of the shop (the conversations journey uses the first). */
async function productOf(page: Page, shop: string): Promise<string> {
  await page.goto(`/s/${shop}`);
  const hrefs = await page.getByTestId('product-grid').locator('a').evaluateAll((as) => as.map((x) => x.getAttribute('href')!));
  return hrefs[1];
}

test('a question asked on a product page is answered from the seller centre, searchable and mailed', async ({ browser, request }) => {
  const shopper = await signIn(browser, 'shopper@demo.test');
  const href = await productOf(shopper, 'formosa-tea-house');
  await shopper.goto(href);
  await hydrated(shopper);
  const qa = shopper.getByTestId('questions');
  await expect(qa.getByTestId('qa-empty')).toBeVisible();
  const question = 'Can this tea be cold brewed overnight?';
  await qa.getByLabel('Ask a question').fill(question);
  await qa.getByTestId('ask-submit').click();
  await expect(qa.getByTestId('qa-posted')).toHaveText('Thank you: it is published.');
  await expect(qa.getByTestId('question-body')).toHaveText(question);

  // the seller answers from the seller centre
  const seller = await signIn(browser, 'seller1@demo.test');
  await seller.goto('/seller/questions');
  await hydrated(seller);
  const card = seller.getByTestId('seller-question').filter({ hasText: question });
  await expect(card).toBeVisible();
  await card.getByText('Answer this question').click();
  await card.getByTestId('answer-text').fill('Yes: 10 g in a litre of cold water, 8 hours in the fridge.');
  await card.getByTestId('answer-submit').click();
  await expect(seller.getByTestId('qa-posted')).toBeVisible();
  await expect(seller.getByTestId('seller-question').filter({ hasText: question })).toHaveCount(0);
  await seller.goto('/seller/questions?filter=all');
  await expect(seller.getByTestId('seller-question').filter({ hasText: question }).getByTestId('answer-body')).toHaveText(
    'Yes: 10 g in a litre of cold water, 8 hours in the fridge.',
  );
  await both(seller, 'qa-seller-centre');

  // the product page shows the answer, labelled as the seller's; search finds it
  await shopper.reload();
  await hydrated(shopper);
  const answer = qa.getByTestId('answer').first();
  await expect(answer.getByTestId('answer-body')).toContainText('8 hours in the fridge');
  await expect(answer).toContainText('Seller');
  await qa.getByTestId('qa-search').fill('fridge');
  await qa.getByRole('button', { name: 'Search' }).click();
  await expect(shopper).toHaveURL(/qa=fridge/);
  await expect(qa.getByTestId('question')).toHaveCount(1);
  await both(shopper, 'qa-product-page');
  await qa.getByTestId('qa-search').fill('espresso');
  await qa.getByRole('button', { name: 'Search' }).click();
  await expect(qa.getByTestId('qa-empty')).toHaveText('No questions match your search.');

  // the shopper is mailed the answer (in the language their mail is set to: another
  // journey sets the demo shopper's to Chinese)
  let mail: any;
  await expect
    .poll(
      async () => {
        const all = await (await request.get(mailWeb('/api/email'))).json();
        mail = all.find((m: any) => m.to.some((t: any) => t.address === 'shopper@demo.test') && /was answered|有新回答/.test(m.subject));
        return Boolean(mail);
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(true);
  expect(mail.text).toContain('8 hours in the fridge');
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(mailWeb(`/#/email/${mail.id}`));
  await expect(inbox.getByText(mail.subject).first()).toBeVisible();
  await capture(inbox, 'qa-email-in-web-inbox');
});
