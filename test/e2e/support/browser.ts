import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = process.env.CASELINE_CHROMIUM ?? '/usr/bin/chromium';
export const browserAvailable = fs.existsSync(chromiumPath);
export const screenshotDir = path.join(import.meta.dirname, '..', 'screenshots');

/** Debian's Chromium, headless, with nothing that phones home (the machines here have no network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** WCAG 2.1 A and AA, as axe-core checks them: the page must have no violation at all. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // A dialog still fading in has half-transparent text: contrast is judged on the settled page.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `accessibility violations on ${name}`).toEqual([]);
}

/** Saved under test/e2e/screenshots/ (git-ignored) for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
