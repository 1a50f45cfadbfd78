import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';

const TOKEN = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ADMIN_EMAIL = 'admin@threatloom.local';
const NOW = '2026-11-02T10:00:00.000Z';
const MALWARE_A = 'malware--3f1c2b0e-6d7a-4e8f-9a1b-2c3d4e5f6a01';
const MALWARE_B = 'malware--3f1c2b0e-6d7a-4e8f-9a1b-2c3d4e5f6a02';
const OTHER = 'malware--3f1c2b0e-6d7a-4e8f-9a1b-2c3d4e5f6a05';
const SET = 'intrusion-set--3f1c2b0e-6d7a-4e8f-9a1b-2c3d4e5f6a03';
const BUNDLE = {
  type: 'bundle',
  id: 'bundle--3f1c2b0e-6d7a-4e8f-9a1b-2c3d4e5f6a00',
  objects: [
    {
      type: 'malware',
      spec_version: '2.1',
      id: MALWARE_A,
      created: NOW,
      modified: NOW,
      name: 'Quillwort',
      is_family: true,
    },
    {
      type: 'malware',
      spec_version: '2.1',
      id: MALWARE_B,
      created: NOW,
      modified: NOW,
      name: 'Brackenfang',
      is_family: false,
    },
    {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: SET,
      created: NOW,
      modified: NOW,
      name: 'Sedge Panda',
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--3f1c2b0e-6d7a-4e8f-9a1b-2c3d4e5f6a04',
      created: NOW,
      modified: NOW,
      relationship_type: 'uses',
      source_ref: SET,
      target_ref: MALWARE_A,
    },
  ],
};

// Import (reviewed in a draft), export and live notices in a real browser, with the built-in
// connectors of the `all` role doing the work.
jest.setTimeout(90_000);

describe('Import, export and live updates (Chromium)', () => {
  let browser: Browser;
  // Before the platform stops (hooks run in order): its pages' event streams end with it.
  afterAll(async () => {
    await browser?.close();
  });
  const platform = useEmbeddedPlatform(TOKEN, {}, 'all');
  let page: Page;
  let problems: string[];
  let wickfireId: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);

  beforeAll(async () => {
    const malware = await gql<{ malwareAdd: { id: string } }>(
      `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`,
      { input: { name: 'Wickfire', is_family: true } },
    );
    wickfireId = malware.malwareAdd.id;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchProblems(page);
    await signIn(page, platform.url, ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  });

  it('refuses an empty file on the form itself, with 400', async () => {
    await page.goto(`${platform.url}/data/import`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Import');
    await page.setInputFiles('#import-file', {
      name: 'empty.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(0),
    });
    const [answer] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/data/import') && r.request().method() === 'POST',
      ),
      page.click('#import-form button[type=submit]'),
    ]);
    expect(answer.status()).toBe(400);
    await expect(page.locator('#import-form [role=alert]').textContent()).resolves.toContain(
      'Choose a non-empty file',
    );
  });

  it('uploads a STIX bundle for the STIX importer, staged in a draft to review', async () => {
    await page.goto(`${platform.url}/data/import`);
    const options = await page.locator('#import-connector option').allTextContents();
    expect(options.some((o) => o.startsWith('Import STIX bundles'))).toBe(true);
    await page.setInputFiles('#import-file', {
      name: 'sedge-panda.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(BUNDLE)),
    });
    await page.selectOption('#import-connector', 'threatloom-import-stix');
    expect(await page.locator('input[name=draft]').isChecked()).toBe(true);
    await keepScreenshot(page, 'import');
    await Promise.all([
      page.waitForURL('**/data/import/file?id=**'),
      page.click('#import-form button[type=submit]'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('sedge-panda.json');
    // The fragment polls until the import's work is done, then offers the draft.
    const review = page.locator('a', { hasText: 'Review the draft' });
    await review.waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForURL('**/data/drafts/**'), review.click()]);
    await expect(page.locator('#draft-summary').textContent()).resolves.toBe(
      '4 objects: 4 to create, 0 to update',
    );
    const malwareRow = page.locator('table.draft-counts tr[data-type=Malware] td.num');
    await expect(malwareRow.allTextContents()).resolves.toEqual(['2', '0']);
    await expect(page.locator('table.draft-objects tbody tr').count()).resolves.toBe(4);
    await keepScreenshot(page, 'draft-review');
    // Nothing is in the graph before validation.
    const before = await gql<{ malwares: { edges: unknown[] } }>(
      `{ malwares(search: "Quillwort") { edges { node { id } } } }`,
    );
    expect(before.malwares.edges).toHaveLength(0);
  });

  it('validates the draft, follows the import, and lists the imported objects', async () => {
    await Promise.all([
      page.waitForURL('**/data/works/**'),
      page.click('button:has-text("Validate and import")'),
    ]);
    await page.locator('#works-progress[data-done=true]').waitFor({ timeout: 30_000 });
    await expect(page.locator('.work-status .badge').textContent()).resolves.toBe('Done');
    await page.goto(`${platform.url}/arsenal/malware`);
    const names = await page.locator('table.data tbody td a').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Quillwort', 'Brackenfang', 'Wickfire']));
    await page.goto(`${platform.url}/threats/intrusion-sets`);
    await expect(page.locator('table.data tbody td a').allTextContents()).resolves.toContain(
      'Sedge Panda',
    );
  });

  it('deletes a draft instead of validating it: nothing imported', async () => {
    await page.goto(`${platform.url}/data/import`);
    const bundle = { ...BUNDLE, objects: [{ ...BUNDLE.objects[0], id: OTHER, name: 'Mossbite' }] };
    await page.setInputFiles('#import-file', {
      name: 'mossbite.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bundle)),
    });
    await Promise.all([
      page.waitForURL('**/data/import/file?id=**'),
      page.click('#import-form button[type=submit]'),
    ]);
    const review = page.locator('a', { hasText: 'Review the draft' });
    await review.waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForURL('**/data/drafts/**'), review.click()]);
    await expect(page.locator('#draft-summary').textContent()).resolves.toBe(
      '1 objects: 1 to create, 0 to update',
    );
    await Promise.all([
      page.waitForURL('**/data/import'),
      page.click('button:has-text("Delete the draft")'),
    ]);
    await expect(
      page.locator('section', { hasText: 'Drafts to review' }).textContent(),
    ).resolves.toContain('No open draft');
    const found = await gql<{ malwares: { edges: unknown[] } }>(
      `{ malwares(search: "Mossbite") { edges { node { id } } } }`,
    );
    expect(found.malwares.edges).toHaveLength(0);
  });

  it('exports a list as a STIX bundle, shows the progress, then the download', async () => {
    await page.goto(`${platform.url}/arsenal/malware`);
    await page.click('.export-menu summary');
    await page.selectOption('#export-format', 'application/json');
    await Promise.all([
      page.waitForURL('**/data/works/**'),
      page.click('.export-form button[type=submit]'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Export');
    await keepScreenshot(page, 'export-progress');
    const download = page.locator('a', { hasText: 'Download the export' });
    await download.waitFor({ timeout: 30_000 });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/storage\/get\/export\/Malware\//);
    const answer = await page.request.get(`${platform.url}${href}`);
    expect(answer.status()).toBe(200);
    const bundle = (await answer.json()) as {
      type: string;
      objects: { type: string; name?: string }[];
    };
    expect(bundle.type).toBe('bundle');
    const malware = bundle.objects.filter((o) => o.type === 'malware');
    expect(malware.map((m) => m.name).sort()).toEqual(['Brackenfang', 'Quillwort', 'Wickfire']);
  });

  it('exports one element as CSV from its page', async () => {
    await page.goto(`${platform.url}/entity/${wickfireId}`);
    await page.click('.export-menu summary');
    await page.selectOption('#export-format', 'text/csv');
    await Promise.all([
      page.waitForURL('**/data/works/**'),
      page.click('.export-form button[type=submit]'),
    ]);
    const download = page.locator('a', { hasText: 'Download the export' });
    await download.waitFor({ timeout: 30_000 });
    const href = (await download.getAttribute('href')) ?? '';
    expect(href).toContain(`/storage/get/export/Malware/${wickfireId}/`);
    const answer = await page.request.get(`${platform.url}${href}`);
    expect(answer.status()).toBe(200);
    expect(await answer.text()).toContain('Wickfire');
  });

  it('tells an open entity page that its element changed, without reloading', async () => {
    await page.goto(`${platform.url}/entity/${wickfireId}`);
    await page.evaluate(() => {
      (globalThis as { unreloaded?: boolean }).unreloaded = true;
    });
    const notice = page.locator('#live-notice .notice');
    // The page's EventSource may still be connecting: edit until the notice shows.
    for (let attempt = 0; attempt < 5 && (await notice.count()) === 0; attempt += 1) {
      await gql(
        `mutation($id: ID!, $input: [EditInput]!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: $input) { id } } }`,
        { id: wickfireId, input: [{ key: 'description', value: [`edited ${attempt}`] }] },
      );
      await notice.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    await expect(notice.textContent()).resolves.toContain('This element was updated by');
    await expect(
      page.evaluate(() => (globalThis as { unreloaded?: boolean }).unreloaded),
    ).resolves.toBe(true);
    await Promise.all([page.waitForLoadState(), page.click('#live-notice a.live-reload')]);
    await expect(page.locator('.markdown').textContent()).resolves.toContain('edited');
  });

  it('counts new items on an open list page', async () => {
    await page.goto(`${platform.url}/arsenal/malware`);
    const notice = page.locator('#live-notice .notice');
    for (let attempt = 0; attempt < 5 && (await notice.count()) === 0; attempt += 1) {
      await gql(`mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`, {
        input: { name: `Fernrot ${attempt}`, is_family: true },
      });
      await notice.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    await expect(notice.textContent()).resolves.toMatch(/^1 new item/);
    expect(problems).toEqual([]);
  });
});
