// Payments that need an admin (where Stripe and the ledger disagree): reachable from
// the admin overview, with a clear empty state, and closed to everyone else.
import { test, expect } from '@playwright/test';
import { both, hydrated, signIn } from './support';

test('admins reach the payments needing attention from the overview; shoppers do not', async ({ browser }) => {
  const admin = await signIn(browser, 'admin@demo.test');
  await admin.goto('/admin');
  await expect(admin.getByTestId('stat-payment-alerts')).toHaveText('0');
  await hydrated(admin);
  await admin.getByTestId('admin-payments-link').click();
  await expect(admin).toHaveURL(/\/admin\/payments$/);
  await expect(admin.getByRole('heading', { name: 'Payments needing attention' })).toBeVisible();
  await expect(admin.getByText('Nothing needs attention: Stripe and the ledger agree.')).toBeVisible();
  await both(admin, 'admin-payments');

  const shopper = await signIn(browser, 'shopper@demo.test');
  const r = await shopper.goto('/admin/payments');
  expect(r?.status()).toBe(403);
  await expect(shopper.getByText('Nothing needs attention')).toHaveCount(0);
});
