import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, watchProblems } from '../../support/browser.util';

const TOKEN = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const ADMIN_EMAIL = 'admin@threatloom.local';
const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
// A description as a feed might send it: Markdown, raw HTML and a javascript: link.
const DESCRIPTION = [
  '**Spear-phishing** campaigns against *energy* companies.',
  '',
  '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">',
  '',
  '[a trap](javascript:window.__pwned=true) and [a report](https://example.org/report)',
].join('\n');

// The analyst's first steps in a real browser: sign in (a wrong password first), the dashboard,
// global search, an entity page (its description rendered safely) and its relationships, a list.
describe('Analyst UI basics (Chromium)', () => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let intrusionSetId: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);

  beforeAll(async () => {
    const set = await gql<{ intrusionSetAdd: { id: string } }>(
      `mutation($input: IntrusionSetAddInput!) { intrusionSetAdd(input: $input) { id } }`,
      {
        input: {
          name: 'Lantern Typhoon',
          description: DESCRIPTION,
          aliases: ['LNT-7'],
          objectMarking: [AMBER],
        },
      },
    );
    intrusionSetId = set.intrusionSetAdd.id;
    const malware = await gql<{ malwareAdd: { id: string } }>(
      `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`,
      { input: { name: 'Wickfire', is_family: true } },
    );
    await gql(
      `mutation($input: StixCoreRelationshipAddInput!) { stixCoreRelationshipAdd(input: $input) { id } }`,
      {
        input: {
          fromId: intrusionSetId,
          toId: malware.malwareAdd.id,
          relationship_type: 'uses',
          confidence: 80,
        },
      },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    problems = watchProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends a signed-out visitor to the login page, and refuses a wrong password', async () => {
    await page.goto(`${platform.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await keepScreenshot(page, 'login');
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', 'not the password');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
      page.click('button[type=submit]'),
    ]);
    expect(answer.status()).toBe(401);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain(
      'Wrong email or password',
    );
    expect(await page.locator('#email').inputValue()).toBe(ADMIN_EMAIL);
  });

  it('signs in back to the page asked for, and the dashboard counts what the user sees', async () => {
    await page.goto(`${platform.url}/dashboard`);
    await page.fill('#email', ADMIN_EMAIL);
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await Promise.all([page.waitForURL('**/dashboard'), page.click('button[type=submit]')]);
    const card = page.locator('.card', { hasText: 'Intrusion sets' });
    await expect(card.locator('.stat').textContent()).resolves.toBe('1');
    await expect(page.locator('.topbar .user').textContent()).resolves.toContain('admin');
  });

  it('finds an intrusion set by alias from the global search, grouped by type', async () => {
    await page.fill('#global-search', 'LNT-7');
    await Promise.all([
      page.waitForURL('**/search?q=LNT-7'),
      page.press('#global-search', 'Enter'),
    ]);
    const section = page.locator('section', {
      has: page.locator('h2', { hasText: 'Intrusion set' }),
    });
    await expect(section.locator('tbody tr').count()).resolves.toBe(1);
    await expect(section.locator('tbody td a').first().textContent()).resolves.toBe(
      'Lantern Typhoon',
    );
    await keepScreenshot(page, 'search');
  });

  it('shows the entity with its description rendered as Markdown, its scripts inert', async () => {
    await Promise.all([
      page.waitForURL(`**/entity/${intrusionSetId}`),
      page.click('text=Lantern Typhoon'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Lantern Typhoon');
    const description = page.locator('.markdown');
    await expect(description.locator('strong').textContent()).resolves.toBe('Spear-phishing');
    // The raw HTML is shown as text, the javascript: link is not a link, the https one is.
    await expect(description.textContent()).resolves.toContain('<script>');
    await expect(description.locator('script, img').count()).resolves.toBe(0);
    await expect(description.locator('a').count()).resolves.toBe(1);
    await expect(description.locator('a').getAttribute('href')).resolves.toBe(
      'https://example.org/report',
    );
    await expect(page.evaluate(() => (globalThis as { __pwned?: boolean }).__pwned)).resolves.toBe(
      undefined,
    );
    await expect(page.locator('.page-head .badge.marking').textContent()).resolves.toBe(
      'TLP:AMBER',
    );
    await keepScreenshot(page, 'entity');
  });

  it('lists the relationships with the other end named', async () => {
    await Promise.all([
      page.waitForURL('**/relationships'),
      page.click('nav.tabs >> text=Relationships'),
    ]);
    const row = page.locator('table.data tbody tr');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('td').nth(0).textContent()).resolves.toBe('uses');
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('Wickfire');
  });

  it('lists an area with search, sorting and the total', async () => {
    await page.goto(`${platform.url}/arsenal/malware?search=wick`);
    await expect(page.locator('table.data tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('.pager').textContent()).resolves.toContain('1–1 of 1');
    await page.goto(`${platform.url}/arsenal/malware?search=nothing-like-this`);
    await expect(page.getByText('Nothing to show here yet').count()).resolves.toBe(1);
  });

  it('folds the navigation behind a Menu button on a small screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${platform.url}/threats/intrusion-sets`);
    await expect(page.isVisible('#sidebar')).resolves.toBe(false);
    await page.click('[data-nav-toggle]');
    await expect(page.isVisible('#sidebar')).resolves.toBe(true);
    await expect(page.getAttribute('[data-nav-toggle]', 'aria-expanded')).resolves.toBe('true');
    await keepScreenshot(page, 'mobile-navigation');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('serves the tab icon at /favicon.ico to anyone, the one the pages carry inline', async () => {
    const answer = await fetch(`${platform.url}/favicon.ico`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await answer.text();
    expect(svg).toMatch(/^<svg /);
    const inline = await page.locator('link[rel=icon]').getAttribute('href');
    expect(decodeURIComponent(inline ?? '')).toBe(`data:image/svg+xml,${svg}`);
  });

  it('answers an unknown element with a 404 page, and nothing failed on the way', async () => {
    const answer = await page.goto(`${platform.url}/entity/no-such-element`);
    expect(answer?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toContain('404');
    expect(problems).toEqual([]);
  });
});
