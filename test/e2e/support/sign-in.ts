import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCode } from '../../../src/access/index.ts';

export interface FormSignIn {
  readonly password: string;
  /** The TOTP secret each account enrolled, by username: filled in at enrolment, read at the next sign-in. */
  readonly totpSecrets: Map<string, string>;
  readonly now: () => Date;
}

/**
 * Signs in through the console's own form, answering the TOTP step the account needs
 * (enrolment the first time, the code after), and waits for the welcome page.
 */
export async function signInThroughForm(page: Page, username: string, { password, totpSecrets, now }: FormSignIn): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const step = page.getByRole('heading', { level: 1 });
  await expect.poll(async () => step.textContent()).not.toBe('Sign in');
  const heading = await step.textContent();
  if (heading === 'Set up your authenticator app') {
    const secret = await page.getByLabel('Authenticator key').inputValue();
    totpSecrets.set(username, secret);
    await page.getByLabel('Authentication code').fill(totpCode(secret, now()));
    await page.getByRole('button', { name: 'Verify and finish' }).click();
  } else if (heading === 'Enter your authentication code') {
    await page.getByLabel('Authentication code').fill(totpCode(totpSecrets.get(username)!, now()));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await expect.poll(async () => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Welcome, /);
}
