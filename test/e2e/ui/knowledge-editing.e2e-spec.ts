import { platformGraphql } from '@lib/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';
import { uploadGraphql } from '../../support/graphql-upload.util';
import { graphqlAdd } from '../../support/graphql-add.util';

const TOKEN = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const ADMIN_EMAIL = 'admin@threatloom.local';
const READER_EMAIL = 'reader@example.org';
const READER_PASSWORD = 'reader passphrase 42';

// An analyst edits knowledge in a real browser: creates an intrusion set through the form
// (its errors shown first), edits it, links it to a malware from its page, labels malware in bulk
// and filters the list by that label; a reader without KNUPDATE sees no edit button and is
// refused a forged edit.
jest.setTimeout(30_000);

describe('Knowledge editing (Chromium)', () => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let problems: string[];
  let createdUrl: string;
  let labelId: string;
  let wickfireId: string;
  let energyId: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);
  const create = graphqlAdd(gql);

  beforeAll(async () => {
    wickfireId = await create('malwareAdd', { name: 'Wickfire', is_family: true });
    await create('malwareAdd', { name: 'Emberleaf', is_family: true });
    await create('malwareAdd', { name: 'Ashvine', is_family: true });
    await create('organizationAdd', { name: 'Northwind CERT' });
    energyId = await create('sectorAdd', { name: 'Energy' });
    labelId = await create('labelAdd', { value: 'espionage' });
    await create('labelAdd', { value: 'crimeware' });
    const roleId = await create('roleAdd', { name: 'Readers', capabilities: ['KNOWLEDGE'] });
    const groupId = await create('groupAdd', { name: 'Reading room' });
    await gql(
      `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
      { g: groupId, r: roleId },
    );
    await create('userAdd', {
      name: 'reader',
      user_email: READER_EMAIL,
      password: READER_PASSWORD,
      groups: [groupId],
    });
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await admin.newPage();
    problems = watchProblems(page);
    await signIn(page, platform.url, ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates an intrusion set through the form, its errors shown on the form first', async () => {
    await page.goto(`${platform.url}/threats/intrusion-sets`);
    await Promise.all([
      page.waitForURL('**/create/Intrusion-Set'),
      page.click('.page-head >> text=Create'),
    ]);
    await page.fill('#field-confidence', '150');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('.entity-form button[type=submit]'),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#field-name-error').textContent()).resolves.toBe(
      'A name is required.',
    );
    await expect(page.locator('#field-confidence-error').textContent()).resolves.toContain(
      '0 to 100',
    );
    await page.fill('#field-name', 'Lantern Typhoon');
    await page.fill('#field-confidence', '70');
    await page.fill('#field-description', 'Targets **energy** companies.');
    await page.selectOption('#field-author', { label: 'Northwind CERT' });
    await page.selectOption('#field-markings', { label: 'TLP:GREEN' });
    await Promise.all([
      page.waitForURL(/\/entity\/[^/]+$/),
      page.click('.entity-form button[type=submit]'),
    ]);
    createdUrl = page.url();
    await expect(page.locator('h1').textContent()).resolves.toBe('Lantern Typhoon');
    await expect(page.locator('.markdown strong').textContent()).resolves.toBe('energy');
    await expect(page.locator('.page-head .badge.marking').textContent()).resolves.toBe(
      'TLP:GREEN',
    );
    await expect(page.locator('dl.props').textContent()).resolves.toContain('Northwind CERT');
  });

  it('edits it: description, confidence and a label, back on its page', async () => {
    await Promise.all([page.waitForURL('**/edit'), page.click('.page-head >> text=Edit')]);
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Lantern Typhoon');
    await page.fill('#field-description', 'Targets **energy** and *water* utilities.');
    await page.fill('#field-confidence', '85');
    await page.selectOption('#field-labels', { label: 'espionage' });
    await keepScreenshot(page, 'entity-edit');
    await Promise.all([
      page.waitForURL(createdUrl),
      page.click('.entity-form button[type=submit]'),
    ]);
    await expect(page.locator('.markdown em').textContent()).resolves.toBe('water');
    const details = page.locator('dl.props');
    await expect(details.textContent()).resolves.toContain('85');
    await expect(details.locator('.badge').textContent()).resolves.toBe('espionage');
  });

  it('creates a relationship from its page, found through the search box', async () => {
    await Promise.all([
      page.waitForURL('**/relationships/new'),
      page.click('.page-head >> text=Add relationship'),
    ]);
    await page.fill('#rel-search', 'Wickf');
    await page.locator('#rel-target option', { hasText: 'Wickfire (Malware)' }).waitFor();
    await page.selectOption('#rel-target', { label: 'Wickfire (Malware)' });
    await page.locator('#rel-type option[value=uses]').waitFor({ state: 'attached' });
    const offered = await page.locator('#rel-type option').allTextContents();
    expect(offered).toContain('uses');
    expect(offered).not.toContain('indicates');
    await page.selectOption('#rel-type', 'uses');
    await page.fill('#rel-start', '2026-03-01T08:00');
    await page.fill('#rel-confidence', '75');
    await keepScreenshot(page, 'create-relationship');
    await Promise.all([
      page.waitForURL('**/knowledge'),
      page.click('.relationship-form button[type=submit]'),
    ]);
    const group = page.locator('.knowledge-group', { hasText: 'uses → Malware (1)' });
    await expect(group.locator('a').textContent()).resolves.toBe('Wickfire');
    // More knowledge from the API: grouped with what the form made.
    const fromId = new URL(createdUrl).pathname.split('/').pop();
    for (const [toId, relationship_type] of [
      [energyId, 'targets'],
      [await create('malwareAdd', { name: 'Glowmoth', is_family: true }), 'uses'],
    ]) {
      await create('stixCoreRelationshipAdd', { fromId, toId, relationship_type });
    }
    await page.reload();
    const uses = page.locator('.knowledge-group', { hasText: 'uses → Malware (2)' });
    await expect(uses.locator('a').allTextContents()).resolves.toEqual(['Glowmoth', 'Wickfire']);
    await expect(page.locator('.knowledge-group h2').allTextContents()).resolves.toEqual([
      'targets → Sector (1)',
      'uses → Malware (2)',
    ]);
    await keepScreenshot(page, 'entity-knowledge');
    await Promise.all([
      page.waitForURL('**/relationships'),
      page.click('nav.tabs >> text=Relationships'),
    ]);
    await expect(page.locator('table.data tbody tr').count()).resolves.toBe(3);
    const row = page.locator('table.data tbody tr', { hasText: 'Wickfire' });
    await expect(row.locator('td').nth(0).textContent()).resolves.toBe('uses');
    await expect(row.locator('td').nth(5).textContent()).resolves.toBe('75');
  });

  it('shows who changed it in the History tab', async () => {
    let text = '';
    for (let attempt = 0; attempt < 20 && !text.includes('confidence'); attempt += 1) {
      await page.goto(`${createdUrl}/history`);
      text = (await page.locator('main').textContent()) ?? '';
      if (!text.includes('confidence')) await page.waitForTimeout(250);
    }
    expect(text).toContain('admin');
    expect(text).toContain('confidence');
  });

  it('labels malware in bulk from the list, then filters the list by that label', async () => {
    await page.goto(`${platform.url}/arsenal/malware`);
    await page.check('input[aria-label="Select Emberleaf"]');
    await page.check('input[aria-label="Select Ashvine"]');
    await page.selectOption('#bulk-label', { label: 'espionage' });
    await Promise.all([
      page.waitForURL('**/arsenal/malware'),
      page.click('button[name=action][value=label]'),
    ]);
    await page.selectOption('#filter-label', labelId);
    await Promise.all([page.waitForURL(/label=/), page.click('form.filters button[type=submit]')]);
    const names = await page.locator('table.data tbody tr td:nth-child(2) a').allTextContents();
    expect(names.sort()).toEqual(['Ashvine', 'Emberleaf']);
    await keepScreenshot(page, 'list-filters');
    await page.goto(`${platform.url}/arsenal/malware?confidence_min=101&created_from=nope`);
    await expect(page.locator('table.data tbody tr').count()).resolves.toBe(4);
  });

  it('asks before a bulk delete, and deletes on confirmation', async () => {
    await page.goto(`${platform.url}/arsenal/malware`);
    await page.check('input[aria-label="Select Ashvine"]');
    await Promise.all([
      page.waitForURL('**/bulk'),
      page.click('button[name=action][value=delete]'),
    ]);
    await expect(page.locator('main li').allTextContents()).resolves.toEqual(['Ashvine (Malware)']);
    await Promise.all([page.waitForURL('**/arsenal/malware'), page.click('main button.danger')]);
    const names = await page.locator('table.data tbody tr td:nth-child(2) a').allTextContents();
    expect(names.sort()).toEqual(['Emberleaf', 'Glowmoth', 'Wickfire']);
    expect(problems).toEqual([]);
  });

  it("lists a report's contents, adds an object found by search and removes one", async () => {
    const reportId = await create('reportAdd', {
      name: 'Ember season',
      published: '2026-11-01T00:00:00.000Z',
      objects: [wickfireId],
    });
    await page.goto(`${platform.url}/entity/${reportId}/contents`);
    const names = () => page.locator('table.data tbody tr td:nth-child(2) a').allTextContents();
    await expect(names()).resolves.toEqual(['Wickfire']);
    await page.fill('#contents-search', 'Emberl');
    await page.locator('#contents-pick option', { hasText: 'Emberleaf (Malware)' }).waitFor();
    await page.selectOption('#contents-pick', { label: 'Emberleaf (Malware)' });
    await Promise.all([
      page.waitForURL('**/contents'),
      page.click('.contents-add button[type=submit]'),
    ]);
    await expect(names().then((n) => n.sort())).resolves.toEqual(['Emberleaf', 'Wickfire']);
    await page.check('input[aria-label="Select Wickfire"]');
    await Promise.all([page.waitForURL('**/contents'), page.click('text=Remove the selected')]);
    await expect(names()).resolves.toEqual(['Emberleaf']);
    for (const [tab, empty] of [
      ['sightings', 'No sightings.'],
      ['files', 'No files.'],
    ]) {
      await page.goto(`${platform.url}/entity/${reportId}/${tab}`);
      await expect(page.locator('main p.notice:not(#status)').textContent()).resolves.toBe(empty);
    }
    expect(problems).toEqual([]);
  });

  it('creates an indicator with its pattern, shows its observable and a downloadable file', async () => {
    await page.goto(`${platform.url}/observations/indicators`);
    await Promise.all([
      page.waitForURL('**/create/Indicator'),
      page.click('.page-head >> text=Create'),
    ]);
    await page.fill('#field-name', 'Beacon domain');
    await page.fill('#field-pattern', "[domain-name:value = 'beacon.example']");
    await page.selectOption('#field-pattern_type', 'stix');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('.entity-form button[type=submit]'),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#field-valid_from-error').textContent()).resolves.toBe(
      'Valid from is required.',
    );
    await expect(page.locator('#field-pattern').inputValue()).resolves.toContain('beacon.example');
    await page.fill('#field-valid_from', '2026-11-20T09:15');
    await Promise.all([
      page.waitForURL(/\/entity\/[^/]+$/),
      page.click('.entity-form button[type=submit]'),
    ]);
    const indicatorId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect(page.locator('dl.props').textContent()).resolves.toContain('2026-11-20');
    const observable = await gql<{ stixCyberObservableAdd: { id: string } }>(
      `mutation { stixCyberObservableAdd(type: "Domain-Name", DomainName: { value: "beacon.example" }) { id } }`,
    );
    await create('stixCoreRelationshipAdd', {
      fromId: indicatorId,
      toId: observable.stixCyberObservableAdd.id,
      relationship_type: 'based-on',
    });
    await Promise.all([
      page.waitForURL('**/observables'),
      page.click('nav.tabs >> text=Observables'),
    ]);
    await expect(
      page.locator('table.data tbody td:nth-child(1) a').allTextContents(),
    ).resolves.toEqual(['beacon.example']);
    await page.goto(`${platform.url}/entity/${observable.stixCyberObservableAdd.id}/indicators`);
    await expect(
      page.locator('table.data tbody td:nth-child(1) a').allTextContents(),
    ).resolves.toEqual(['Beacon domain']);
    await uploadGraphql(
      { url: platform.url, token: TOKEN },
      `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file) { id } } }`,
      { id: indicatorId },
      { name: 'beacon-notes.txt', type: 'text/plain', body: 'seen beaconing hourly' },
    );
    await page.goto(`${platform.url}/entity/${indicatorId}/files`);
    const link = page.locator('table.data tbody a', { hasText: 'beacon-notes.txt' });
    const download = await page.request.get(`${platform.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    await expect(download.text()).resolves.toBe('seen beaconing hourly');
    expect(problems).toEqual([]);
  });

  it('gives a reader without KNUPDATE no edit button, and refuses his forged edit', async () => {
    const context = await browser.newContext();
    const reader = await context.newPage();
    const readerProblems = watchProblems(reader);
    await signIn(reader, platform.url, READER_EMAIL, READER_PASSWORD);
    const wickfireUrl = `${platform.url}/entity/${wickfireId}`;
    // The intrusion set is TLP:GREEN, a marking his group was not given: he does not see it.
    expect((await reader.goto(createdUrl))?.status()).toBe(404);
    await reader.goto(wickfireUrl);
    await expect(reader.locator('h1').textContent()).resolves.toBe('Wickfire');
    await expect(reader.locator('.page-head a', { hasText: 'Edit' }).count()).resolves.toBe(0);
    await expect(reader.locator('text=Add relationship').count()).resolves.toBe(0);
    await reader.goto(`${platform.url}/threats/intrusion-sets`);
    await expect(reader.locator('.page-head a', { hasText: 'Create' }).count()).resolves.toBe(0);
    await expect(reader.locator('input[name=ids]').count()).resolves.toBe(0);
    const editPage = await reader.goto(`${wickfireUrl}/edit`);
    expect(editPage?.status()).toBe(403);
    const csrf = await reader.locator('meta[name=csrf-token]').getAttribute('content');
    const forged = await reader.request.post(`${wickfireUrl}/edit`, {
      form: { _csrf: csrf ?? '', name: 'Defaced', confidence: '1' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    const bulk = await reader.request.post(`${platform.url}/bulk`, {
      form: { _csrf: csrf ?? '', action: 'delete', confirm: 'yes', ids: 'x' },
      maxRedirects: 0,
    });
    expect(bulk.status()).toBe(403);
    await reader.goto(wickfireUrl);
    await expect(reader.locator('h1').textContent()).resolves.toBe('Wickfire');
    expect(readerProblems).toEqual([]);
    await context.close();
  });
});
