import { platformGraphql } from '@lib/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { launchBrowser, signIn, watchProblems } from '../../support/browser.util';

const TOKEN = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const NOW = '2026-11-03T09:00:00.000Z';
const BUNDLE = {
  type: 'bundle',
  id: 'bundle--0c6a9e31-57b2-4f0e-9d5e-7a3c2b1d0e01',
  objects: [
    {
      type: 'malware',
      spec_version: '2.1',
      id: 'malware--0c6a9e31-57b2-4f0e-9d5e-7a3c2b1d0e02',
      created: NOW,
      modified: NOW,
      name: 'Thornwhistle',
      is_family: true,
    },
  ],
};

// The import form works without JavaScript: the browser posts the multipart form itself (no
// htmx, no CSRF header), its token in the action's query string. A multipart post without a
// valid token there is still refused, and stores nothing.
jest.setTimeout(60_000);

describe('Import without JavaScript (Chromium)', () => {
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
  });
  const platform = useEmbeddedPlatform(TOKEN, {}, 'all');
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);
  const importedFiles = async () => {
    const data = await gql<{ importFiles: { edges: { node: { name: string } }[] } }>(
      `{ importFiles(first: 100) { edges { node { name } } } }`,
    );
    return data.importFiles.edges.map((e) => e.node.name).sort();
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    problems = watchProblems(page);
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  });

  it('uploads a bundle through the plain form post, imported by the STIX importer', async () => {
    await page.goto(`${platform.url}/data/import`);
    await page.setInputFiles('#import-file', {
      name: 'thornwhistle.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(BUNDLE)),
    });
    await page.selectOption('#import-connector', 'threatloom-import-stix');
    await page.uncheck('input[name=draft]');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.waitForURL('**/data/import/file?id=**'),
      page.click('#import-form button[type=submit]'),
    ]);
    // The browser's own post (no htmx header), answered with a redirect.
    expect(posted.request().headers()['hx-request']).toBeUndefined();
    expect(posted.request().headers()['x-csrf-token']).toBeUndefined();
    expect(posted.status()).toBe(303);
    await expect(page.locator('h1').textContent()).resolves.toBe('thornwhistle.json');
    await expect(importedFiles()).resolves.toEqual(['thornwhistle.json']);
    let names: string[] = [];
    for (let i = 0; i < 60 && names.length === 0; i += 1) {
      const data = await gql<{ malwares: { edges: { node: { name: string } }[] } }>(
        `{ malwares(search: "Thornwhistle") { edges { node { name } } } }`,
      );
      names = data.malwares.edges.map((e) => e.node.name);
      if (names.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(names).toEqual(['Thornwhistle']);
  });

  it('refuses a multipart post without a valid token in its query string (403)', async () => {
    await page.goto(`${platform.url}/data/import`);
    const action = (await page.locator('#import-form').getAttribute('action')) ?? '';
    const token = new URL(action, platform.url).searchParams.get('_csrf') ?? '';
    expect(token).not.toBe('');
    const post = (path: string, fields: Record<string, string> = {}) =>
      context.request.post(`${platform.url}${path}`, {
        multipart: {
          ...fields,
          file: {
            name: 'forged.json',
            mimeType: 'application/json',
            buffer: Buffer.from(JSON.stringify(BUNDLE)),
          },
        },
        maxRedirects: 0,
      });
    // Session cookie sent, token missing, wrong, doubled, or only in the (unread) body.
    expect((await post('/data/import')).status()).toBe(403);
    expect((await post('/data/import?_csrf=forged')).status()).toBe(403);
    const twice = `/data/import?_csrf=${encodeURIComponent(token)}&_csrf=forged`;
    expect((await post(twice)).status()).toBe(403);
    expect((await post('/data/import', { _csrf: token })).status()).toBe(403);
    await expect(importedFiles()).resolves.toEqual(['thornwhistle.json']);
    // The check is on the token, not on the tool: the same post with it passes.
    const accepted = await post(`/data/import?_csrf=${encodeURIComponent(token)}`, {
      connectorId: 'threatloom-import-stix',
    });
    expect(accepted.status()).toBe(303);
    await expect(importedFiles()).resolves.toEqual(['forged.json', 'thornwhistle.json']);
  });

  it('had no console error, page error or server error', () => {
    expect(problems).toEqual([]);
  });
});
