import { expect } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Real headless Chromium (Debian's package) with a fresh profile. `cspViolations` collects every
 * Content-Security-Policy refusal the browser reports (a style, script or request the product's
 * policy blocked), so tests can show the app works under its policy.
 */
export async function openBrowser(baseURL: string): Promise<{ context: BrowserContext; page: Page; cspViolations: string[]; close: () => Promise<void> }> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'gatehouse-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    baseURL,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const cspViolations: string[] = [];
  const watch = (p: Page) =>
    p.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
  context.on('page', watch);
  const existing = context.pages()[0];
  if (existing) watch(existing);
  const page = existing ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return { context, page, cspViolations, close: () => context.close() };
}

let n = 0;
/** Signs up a new company through the real sign-up page. */
export async function signUpInBrowser(page: Page, who: Partial<{ company: string; name: string; email: string; password: string }> = {}) {
  n += 1;
  const account = {
    company: who.company ?? `Browser Co ${n}`,
    name: who.name ?? `Browser Admin ${n}`,
    email: who.email ?? `browser${n}.${Date.now()}@example.com`,
    password: who.password ?? 'correct horse battery staple',
  };
  await page.goto('/sign-up');
  await page.getByLabel('Company name').fill(account.company);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Work email').fill(account.email);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
  return account;
}

/**
 * Waits until the locator matches exactly `expected` elements (the page may still be applying a
 * filter or a refetch), then asserts it, so a failure still shows the count that was seen.
 */
export async function expectCount(locator: Locator, expected: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await locator.count();
  }
  if (seen !== expected) throw new Error(`expected ${expected} element(s) for ${locator.toString()}, found ${seen}`);
}

/** POSTs to the product's API as the signed-in page (its session and CSRF token), expects 201 and returns what was created. */
export async function createThroughApi(page: Page, path: string, data: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'gh_csrf')!.value;
  const res = await page.request.post(path, { data, headers: { 'x-csrf-token': csrf } });
  expect(res.status()).toBe(201);
  return res.json();
}
