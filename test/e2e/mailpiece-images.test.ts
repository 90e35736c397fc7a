/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeImb } from '../../src/modules/tracking/index.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { reservePort } from '../support/oidc-provider.ts';
import { browserAvailable, chromiumPath, expectAccessible, launchBrowser, screenshot } from './support/browser.ts';
import { signInThroughForm } from './support/sign-in.ts';

// Mailpiece images in the console: a feed (an administrator's session) uploads two images of a
// letter, an agent looks the letter up by its IMb on the Tracking page and sees them.
const password = 'correct horse battery staple';
const tracking = '00270123456200800001';
const routing = '20260000475';

let t: TestApp;
let browser: Browser;
let base: string;
const totpSecrets = new Map<string, string>();

describe.skipIf(!browserAvailable)(`mailpiece images on the Tracking page (${chromiumPath})`, () => {
  beforeAll(async () => {
    const port = await reservePort();
    base = `http://localhost:${port}`;
    t = await testApp({ publicUrl: base });
    await t.addStaff('feedy', password, ['administrator']);
    await t.addStaff('agatha', password, ['agent']);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const now = () => new Date(t.clock.now);
  const hoursAgo = (h: number) => new Date(t.clock.now.getTime() - h * 3_600_000).toISOString();

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  }
  const signIn = (page: Page, username: string) => signInThroughForm(page, username, { password, totpSecrets, now });

  /** An envelope as a sorter's camera sees it, drawn by the browser's canvas and encoded as `type`. */
  const envelope = (page: Page, type: 'image/png' | 'image/jpeg', addressee: string) =>
    page.evaluate(
      async ({ type, addressee }) => {
        const canvas = document.createElement('canvas');
        canvas.width = 480;
        canvas.height = 220;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#f4efe4';
        g.fillRect(0, 0, 480, 220);
        g.fillStyle = '#222';
        g.font = '16px monospace';
        ['RETURN: 1 SAMPLE PLAZA', 'WASHINGTON DC 20260'].forEach((line, i) => g.fillText(line, 16, 28 + i * 18));
        [addressee, '12 ORCHARD ROW', 'DAYTON OH 45402-0004'].forEach((line, i) => g.fillText(line, 170, 110 + i * 22));
        for (let x = 170; x < 430; x += 4) g.fillRect(x, 190 + (x % 12 === 2 ? 0 : 6), 2, x % 8 === 2 ? 18 : 10);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), type, 0.8));
        return [...new Uint8Array(await blob.arrayBuffer())];
      },
      { type, addressee },
    );

  it('a feed uploads two images of a letter, an agent sees them by the letter’s IMb', async () => {
    const feed = await newPage();
    await signIn(feed.page, 'feedy');
    const csrf = ((await (await feed.page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;
    for (const [type, at] of [
      ['image/png', hoursAgo(20)],
      ['image/jpeg', hoursAgo(6)],
    ] as const) {
      const response = await feed.page.request.post('/api/tracking/images', {
        headers: {
          'content-type': type,
          'x-csrf-token': csrf,
          'x-imb': `${tracking}${routing}`,
          'x-facility-zip': type === 'image/png' ? '20066' : '45401',
          'x-captured-at': at,
        },
        data: Buffer.from(await envelope(feed.page, type, 'JANE Q SAMPLE')),
      });
      expect(response.status(), await response.text()).toBe(201);
    }
    await feed.context.close();

    const { context, page } = await newPage();
    await signIn(page, 'agatha');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Tracking' }).click();
    await page.getByRole('heading', { name: 'Tracking', level: 1 }).waitFor();
    await page.getByLabel('An Intelligent Mail barcode (letter or flat)').check();
    await page.getByLabel('Intelligent Mail barcode', { exact: true }).fill(encodeImb(tracking, routing));
    await page.getByRole('button', { name: 'Look up' }).click();
    const images = page.getByTestId('mailpiece-images');
    await images.getByRole('img').nth(1).waitFor();
    expect(await images.getByRole('img').count()).toBe(2);
    // Each shown from the bytes the session fetched: decoded, not a broken link, and no IMb in any URL the page used.
    const decoded = await images
      .getByRole('img')
      .evaluateAll((list) => list.map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth));
    expect(decoded).toEqual([480, 480]);
    expect(await images.textContent()).toContain('kept 3 days');
    expect(await images.textContent()).toMatch(/Captured .+ at the facility with ZIP Code 20066/);
    const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(urls.some((url) => url.includes('/api/tracking/images/'))).toBe(true);
    expect(urls.filter((url) => url.includes(tracking) || url.includes(routing))).toEqual([]);
    await expectAccessible(page, 'tracking with mailpiece images');
    await screenshot(page, 'tracking-mailpiece-images');
    await context.close();
  });
});
