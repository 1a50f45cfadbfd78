import { platformGraphql } from '@lib/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { launchBrowser, signIn } from '../../support/browser.util';
import { accessibilityViolations } from '../../support/accessibility.util';

const TOKEN = '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e';
jest.setTimeout(60_000);

const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

// WCAG 2.1 AA checks (axe-core) of the main pages, in the light and the dark theme: labels,
// names, landmarks, contrast. Serious and critical violations fail.
describe.each(['light', 'dark'] as const)('Accessibility of the UI, %s theme', (theme) => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let context: BrowserContext;
  let entityId: string;
  let relationshipId: string;
  let adminId: string;

  beforeAll(async () => {
    const added = await platformGraphql<{ malwareAdd: { id: string } }>(
      platform.port,
      TOKEN,
      `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`,
      {
        input: {
          name: 'Emberlight',
          description: 'A **loader** seen in [phishing](https://example.org) waves.',
          is_family: true,
          objectMarking: [AMBER],
        },
      },
    );
    entityId = added.malwareAdd.id;
    const other = await platformGraphql<{ malwareAdd: { id: string } }>(
      platform.port,
      TOKEN,
      `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`,
      { input: { name: 'Emberlight Lite', is_family: true } },
    );
    const linked = await platformGraphql<{ stixCoreRelationshipAdd: { id: string } }>(
      platform.port,
      TOKEN,
      `mutation($input: StixCoreRelationshipAddInput!) { stixCoreRelationshipAdd(input: $input) { id } }`,
      { input: { fromId: other.malwareAdd.id, toId: entityId, relationship_type: 'variant-of' } },
    );
    relationshipId = linked.stixCoreRelationshipAdd.id;
    const me = await platformGraphql<{ me: { id: string } }>(platform.port, TOKEN, '{ me { id } }');
    adminId = me.me.id;
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: 'threatloom.theme', value: theme, url: platform.url }]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the login page', async () => {
    const page = await context.newPage();
    await page.goto(`${platform.url}/login`);
    expect(await accessibilityViolations(page)).toEqual([]);
    // Signed in for the pages below (the session cookie stays in the context).
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
    await page.close();
  });

  it('would fail on an image without a text alternative (the check checks)', async () => {
    const page = await context.newPage();
    await page.goto(`${platform.url}/dashboard`);
    await page.evaluate(() => {
      type Doc = {
        createElement(tag: string): { src: string };
        querySelector(selector: string): { append(node: unknown): void } | null;
      };
      const doc = (globalThis as unknown as { document: Doc }).document;
      const img = doc.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      doc.querySelector('main')?.append(img);
    });
    const violations = await accessibilityViolations(page);
    expect(violations.some((v) => v.startsWith('image-alt'))).toBe(true);
    await page.close();
  });

  it.each([
    ['the dashboard', '/dashboard'],
    ['a list', '/arsenal/malware'],
    ['search results', '/search?q=emberlight'],
    ['an entity', '/entity/:id'],
    ['an entity tab', '/entity/:id/relationships'],
    ['the knowledge tab', '/entity/:id/knowledge'],
    ['the history tab', '/entity/:id/history'],
    ['the graph tab', '/entity/:id/graph'],
    ['the edit form', '/entity/:id/edit'],
    ['the relationship form', '/entity/:id/relationships/new'],
    ['the relationship edit form', '/relationship/:rel/edit'],
    ['a create form', '/create/Malware'],
    ['the observable form', '/create-observable?type=StixFile'],
    ['the note form', '/create-analysis/note?about=:id'],
    ['the opinion form', '/create-analysis/opinion?about=:id'],
    ['the import page', '/data/import'],
    ['the users admin', '/admin/users'],
    ['a new user form', '/admin/users/new'],
    ['a user with token and sessions', '/admin/users/:me'],
    ['the groups admin', '/admin/groups'],
    ['the settings admin', '/admin/settings'],
    ['the retention rule form', '/admin/retention/new'],
    ['the audit log', '/admin/audit'],
    ['the connectors admin', '/admin/connectors'],
    ['a 404 page', '/entity/unknown'],
  ])('%s', async (_name, path) => {
    const page = await context.newPage();
    const answer = await page.goto(
      `${platform.url}${path.replace(':id', entityId).replace(':rel', relationshipId).replace(':me', adminId)}`,
    );
    expect(answer?.status()).toBe(path.endsWith('/unknown') ? 404 : 200);
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(theme);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
