// Mail settings: the language a person's email is written in and which optional mail
// they get, on the account page; an unsubscribe link that is not one says so.
import { test, expect } from '@playwright/test';
import { both, hydrated, signIn } from './support';

test('a shopper chooses the language and kinds of their email; a forged unsubscribe link changes nothing', async ({ browser }) => {
  const page = await signIn(browser, 'shopper@demo.test');
  await page.goto('/account');
  const prefs = page.getByTestId('mail-prefs');
  await expect(prefs.getByRole('heading', { name: 'Email' })).toBeVisible();
  await hydrated(page);
  await prefs.locator('#mail-lang').selectOption('zh-Hant');
  await prefs.getByLabel('Reviews to answer and replies to your reviews').uncheck();
  await prefs.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByTestId('mail-saved')).toBeVisible();
  await page.reload();
  await expect(page.locator('#mail-lang')).toHaveValue('zh-Hant');
  await expect(page.getByLabel('Reviews to answer and replies to your reviews')).not.toBeChecked();
  await expect(page.getByLabel('Low stock on your listings')).toBeChecked();
  await both(page, 'account-mail');

  await page.goto('/email/unsubscribe?c=reviews&t=' + 'a'.repeat(48));
  await hydrated(page);
  await page.getByRole('button', { name: 'Stop these emails' }).click();
  await expect(page.getByTestId('unsubscribe-invalid')).toBeVisible();
  await both(page, 'unsubscribe-invalid');
});
