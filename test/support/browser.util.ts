import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page, Response } from 'playwright-core';

// Debian's Chromium (scripts/services installs it), driven by playwright-core: no browser download.
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/**
 * What went wrong in a page while a test drove it: console errors (CSP violations among them),
 * uncaught exceptions, and answers of 500 or more. Tests expect it empty at the end.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // A page answered 4xx on purpose (a refused login, an unknown element) logs a failed load:
    // statuses are the tests' business; 5xx answers are caught below.
    if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
    problems.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message} (${page.url()})`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

/** Signs in through the login form and waits for the page it leads to. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.click('button[type=submit]'),
  ]);
}

/**
 * A screenshot of the page for the README, written to docs/screenshots when
 * THREATLOOM_UPDATE_SCREENSHOTS=1 (kept out of ordinary runs, which must not change the tree).
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.THREATLOOM_UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Clicks what posts a form (`selector`), waits for the POST's answer and the page it leads to. */
export async function postForm(page: Page, selector: string): Promise<Response> {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click(selector),
  ]);
  await page.waitForLoadState();
  return answer;
}
