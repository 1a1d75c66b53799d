// Accounts people can get back into: a shopper who forgot their password asks for a
// link, opens it from the mail the real mail server (MailDev) received, sets a new
// password and logs in with it; the account page lists where they are signed in. A
// shopper who turned on two-step sign-in and lost the phone signs in with a recovery
// code.
import { test, expect, Page } from '@playwright/test';
import { both, capture, hydrated, totp } from './support';

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.locator('#signup-form').getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
}

const mailWeb = (path: string) => `http://127.0.0.1:${process.env.E2E_MAIL_WEB}${path}`;
const mailApi = (path: string) => mailWeb(`/api${path}`);

test('a shopper resets a forgotten password through the emailed link', async ({ browser, request }) => {
  const stamp = Date.now();
  const email = `forgetful-${stamp}@example.com`;
  const page = await (await browser.newContext()).newPage();
  await signUp(page, 'Forgetful Fay', email, 'first password here');
  await page.context().clearCookies();

  await page.goto('/login');
  await hydrated(page);
  await page.getByTestId('forgot-link').click();
  await expect(page).toHaveURL(/\/forgot$/);
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByTestId('reset-sent')).toBeVisible();
  await both(page, 'recovery-forgot');

  // the mail arrives at the mail server with the link
  let mail: any;
  await expect
    .poll(
      async () => {
        const all = await (await request.get(mailApi('/email'))).json();
        mail = all.find((m: any) => m.to.some((t: any) => t.address === email) && /Reset your password/.test(m.subject));
        return Boolean(mail);
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(true);
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(mailWeb(`/#/email/${mail.id}`));
  await expect(inbox.getByText(mail.subject).first()).toBeVisible();
  await capture(inbox, 'recovery-email-in-web-inbox');
  const link = (mail.text as string).match(/https?:\/\/\S+\/reset\?token=[0-9a-f]{64}/)![0];
  const path = new URL(link).pathname + new URL(link).search;

  await page.goto(path);
  await hydrated(page);
  await page.getByLabel('New password').fill('second password here');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByTestId('reset-done')).toBeVisible();
  await both(page, 'recovery-reset-done');

  // the link works once
  await page.goto(path);
  await hydrated(page);
  await page.getByLabel('New password').fill('third password here');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByTestId('reset-invalid')).toBeVisible();

  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('second password here');
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
  await page.goto('/account');
  await expect(page.getByTestId('session')).toHaveCount(1);
  await expect(page.getByTestId('security')).toContainText('This device');
  await both(page, 'recovery-account-security');
});

test('a shopper with two-step sign-in who lost the phone signs in with a recovery code', async ({ browser }) => {
  const email = `careful-${Date.now()}@example.com`;
  const password = 'careful password here';
  const page = await (await browser.newContext()).newPage();
  await signUp(page, 'Careful Cai', email, password);
  await page.goto('/account#two-step');
  await hydrated(page);
  const section = page.getByTestId('two-step');
  await section.getByTestId('two-step-begin').click();
  const key = (await section.getByTestId('two-step-secret').textContent())!.trim();
  await section.getByLabel('Password').fill(password);
  await section.getByLabel('Six-digit code').fill(totp(key));
  await section.getByTestId('two-step-enable').click();
  const codes = section.getByTestId('recovery-codes').locator('li');
  await expect(codes).toHaveCount(10);
  await expect(section.getByTestId('recovery-left')).toContainText('10');
  await section.scrollIntoViewIfNeeded();
  await both(page, 'two-step-recovery-codes');
  const code = (await codes.first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);

  // a new browser, no phone: the password opens the second step, the code completes it
  const other = await (await browser.newContext()).newPage();
  await other.goto('/login');
  await hydrated(other);
  await other.getByLabel('Email').fill(email);
  await other.getByLabel('Password').fill(password);
  await other.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await expect(other).toHaveURL(/\/login\/code$/);
  await hydrated(other);
  await other.getByLabel('Code from the app, or a recovery code').fill(code);
  await both(other, 'two-step-login-code');
  await other.getByRole('button', { name: 'Log in' }).click();
  await expect(other.getByTestId('account-menu')).toBeVisible();

  // the account page counts it as used, and makes new ones (with the password)
  await other.goto('/account#two-step');
  await hydrated(other);
  const again = other.getByTestId('two-step');
  await expect(again.getByTestId('recovery-left')).toContainText('9');
  await again.locator('#field-recovery-password').fill(password);
  await again.getByTestId('recovery-new').click();
  await expect(again.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await expect(again.getByTestId('recovery-left')).toContainText('10');
  const fresh = (await again.getByTestId('recovery-codes').locator('li').first().textContent())!.trim();
  expect(fresh).not.toBe(code);
});
