import { test, expect, Page } from '@playwright/test';
import { hydrated } from './support';

const shot = (name: string) => `end2end/screenshots/${name}.png`;

test('a new visitor signs up, switches language and back, logs out and in', async ({ page }) => {
  const email = `visitor-${Date.now()}@example.com`;
  const password = 'a long enough password';

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();
  await expect(page.getByTestId('product-grid').first().locator('li').first()).toBeVisible();

  await page.getByTestId('signup-link').click();
  await expect(page).toHaveURL(/\/signup/);
  await hydrated(page);
  await page.getByLabel('Name').fill('Mei Visitor');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('account-menu')).toHaveText('Mei Visitor');

  await page.getByRole('link', { name: '繁體中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.getByRole('heading', { name: '新品上架' })).toBeVisible();
  await expect(page.getByTestId('account-menu')).toHaveText('Mei Visitor');

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();

  await hydrated(page);
  await page.getByTestId('account-menu').click();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-link')).toBeVisible();

  await page.getByTestId('login-link').click();
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('account-menu')).toHaveText('Mei Visitor');
});

test('bad sign-up input shows field errors and keeps what was typed', async ({ page }) => {
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Name').fill('Kim');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('[data-field-error="email"]')).toContainText('valid email');
  await expect(page.locator('[data-field-error="password"]')).toContainText('at least 10');
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: shot('signup-errors'), fullPage: false });
});

test('wrong password gives one uniform message', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByLabel('Password').fill('whatever whatever');
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
});

for (const [lang, label] of [['en', 'English'], ['zh-Hant', '繁體中文']] as const) {
  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 390, height: 844 }],
  ] as const) {
    test(`home page, ${device}, ${lang}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`/prefs?lang=${encodeURIComponent(lang)}&next=/`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId('lang-switcher').getByText(label)).toHaveAttribute('aria-current', 'true');
      await hydrated(page);
      // lazy images below the fold never load; wait only for the network to settle
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: shot(`home-${device}-${lang}`), fullPage: false });
    });
  }
}

test('role-gated areas send visitors to log in, and show 404s', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login\?next=\/admin/);
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
});

test('moderator and seller reach their areas', async ({ page }) => {
  await page.goto('/login?next=/admin');
  await hydrated(page);
  await page.getByLabel('Email').fill('moderator@demo.test');
  await page.getByLabel('Password').fill('marketplace-demo');
  await page.locator('#login-form').getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId('stat-shops')).toHaveText('14');
  await page.screenshot({ path: shot('admin-overview'), fullPage: false });
  await page.goto('/seller');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});
