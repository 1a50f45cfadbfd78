import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';
import { graphqlAdd } from '../../support/graphql-add.util';

const TOKEN = '2e4f6a8b-1c3d-4e5f-9a7b-8c9d0e1f2a3b';
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

// An analyst creates observables (an IPv4 address, a file with hashes), a note and an opinion
// through their forms in a real browser: bad input is shown on the form with a 400 and stores
// nothing; good input is stored with its markings, labels, author and the entities it is about.
// He then edits a relationship and reverses it, where the model allows the reversed pair.
jest.setTimeout(30_000);

describe('Observable, note and opinion forms (Chromium)', () => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let malwareId: string;
  let variantId: string;
  let usesId: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);
  const create = graphqlAdd(gql);
  const count = async (type: string) => {
    const data = await gql<{ stixCoreObjects: { edges: unknown[] } }>(
      `query($types: [String]) { stixCoreObjects(types: $types, first: 100) { edges { node { id } } } }`,
      { types: [type] },
    );
    return data.stixCoreObjects.edges.length;
  };
  const submit = (selector = '.entity-form button[type=submit]') =>
    Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click(selector),
    ]).then(([response]) => response);

  beforeAll(async () => {
    malwareId = await create('malwareAdd', { name: 'Quillstorm', is_family: true });
    await create('organizationAdd', { name: 'Harbor CERT' });
    await create('labelAdd', { value: 'c2' });
    const emberbyteId = await create('malwareAdd', { name: 'Emberbyte', is_family: true });
    const setId = await create('intrusionSetAdd', { name: 'Cinder Kite' });
    variantId = await create('stixCoreRelationshipAdd', {
      fromId: malwareId,
      toId: emberbyteId,
      relationship_type: 'variant-of',
      confidence: 30,
      description: 'Shares the loader.',
    });
    usesId = await create('stixCoreRelationshipAdd', {
      fromId: setId,
      toId: malwareId,
      relationship_type: 'uses',
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    problems = watchProblems(page);
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates an IPv4 address from the observables list, a bad value refused first', async () => {
    await page.goto(`${platform.url}/observations/observables`);
    await Promise.all([
      page.waitForURL('**/create-observable'),
      page.click('.page-head >> text=Create'),
    ]);
    await page.fill('#field-value', '203.0.113.300');
    const refused = await submit();
    expect(refused.status()).toBe(400);
    await expect(page.locator('#field-value-error').textContent()).resolves.toContain('IPv4');
    await expect(count('IPv4-Addr')).resolves.toBe(0);
    await page.fill('#field-value', '203.0.113.30');
    await page.fill('#field-score', '75');
    await page.selectOption('#field-author', { label: 'Harbor CERT' });
    await page.selectOption('#field-markings', { label: 'TLP:GREEN' });
    await page.selectOption('#field-labels', { label: 'c2' });
    await Promise.all([page.waitForURL(/\/entity\/[^/]+$/), page.click('.entity-form .primary')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('203.0.113.30');
    await expect(page.locator('.page-head .badge.marking').textContent()).resolves.toBe(
      'TLP:GREEN',
    );
    const details = await page.locator('dl.props').textContent();
    expect(details).toContain('Harbor CERT');
    expect(details).toContain('75');
  });

  it('creates a file with hashes, the type picked in the form', async () => {
    await page.goto(`${platform.url}/create-observable`);
    await page.selectOption('#observable-type', 'StixFile');
    await Promise.all([page.waitForURL('**type=StixFile'), page.click('text=Change type')]);
    await page.fill('#field-file-name', 'loader.dll');
    await page.fill('#field-sha256', SHA256);
    await page.selectOption('#field-markings', { label: 'TLP:CLEAR' });
    await keepScreenshot(page, 'observable-create');
    await page.fill('#field-md5', 'not-a-hash');
    expect((await submit()).status()).toBe(400);
    await expect(page.locator('#field-md5-error').textContent()).resolves.toContain('32');
    await expect(page.locator('#field-sha256').inputValue()).resolves.toBe(SHA256);
    await page.fill('#field-md5', '');
    await Promise.all([page.waitForURL(/\/entity\/[^/]+$/), page.click('.entity-form .primary')]);
    const data = await gql<{ stixCyberObservables: { edges: { node: unknown }[] } }>(
      `{ stixCyberObservables(types: ["StixFile"]) { edges { node { ... on StixFile { name hashes { algorithm hash } } } } } }`,
    );
    expect(data.stixCyberObservables.edges.map((e) => e.node)).toEqual([
      { name: 'loader.dll', hashes: [{ algorithm: 'SHA-256', hash: SHA256 }] },
    ]);
  });

  it('adds a note about an entity from its page', async () => {
    await page.goto(`${platform.url}/entity/${malwareId}`);
    await Promise.all([
      page.waitForURL('**/create-analysis/note?about=*'),
      page.click('.page-head >> text=Add note'),
    ]);
    await expect(page.locator('.chosen-entities').textContent()).resolves.toContain('Quillstorm');
    expect((await submit()).status()).toBe(400);
    await expect(page.locator('#field-content-error').textContent()).resolves.toContain('required');
    await expect(count('Note')).resolves.toBe(0);
    await page.fill('#field-abstract', 'Quillstorm beacons');
    await page.fill('#field-content', 'Beacons every **60 s**.');
    await keepScreenshot(page, 'note-create');
    await Promise.all([page.waitForURL(/\/entity\/[^/]+$/), page.click('.entity-form .primary')]);
    const data = await gql<{
      notes: { edges: { node: { attribute_abstract: string; objects: unknown } }[] };
    }>(
      `{ notes { edges { node { attribute_abstract content objects { edges { node { ... on Malware { name } } } } } } } }`,
    );
    expect(data.notes.edges.map((e) => e.node)).toEqual([
      {
        attribute_abstract: 'Quillstorm beacons',
        content: 'Beacons every **60 s**.',
        objects: { edges: [{ node: { name: 'Quillstorm' } }] },
      },
    ]);
  });

  it('creates an opinion, the entity found by the search field', async () => {
    await page.goto(`${platform.url}/analyses/opinions`);
    await Promise.all([
      page.waitForURL('**/create-analysis/opinion'),
      page.click('.page-head >> text=Create'),
    ]);
    await page.selectOption('#field-opinion', 'agree');
    const refused = await submit();
    expect(refused.status()).toBe(400);
    await expect(page.locator('#field-objects-error').textContent()).resolves.toContain(
      'at least one',
    );
    await page.fill('#about-search', 'Quillstorm');
    await page.locator('#field-objects option', { hasText: 'Quillstorm (Malware)' }).waitFor();
    await page.selectOption('#field-objects', { label: 'Quillstorm (Malware)' });
    await page.fill('#field-explanation', 'Matches our telemetry.');
    await Promise.all([page.waitForURL(/\/entity\/[^/]+$/), page.click('.entity-form .primary')]);
    const data = await gql<{ opinions: { edges: { node: unknown }[] } }>(
      `{ opinions { edges { node { opinion explanation objects { edges { node { ... on Malware { name } } } } } } } }`,
    );
    expect(data.opinions.edges.map((e) => e.node)).toEqual([
      {
        opinion: 'agree',
        explanation: 'Matches our telemetry.',
        objects: { edges: [{ node: { name: 'Quillstorm' } }] },
      },
    ]);
  });

  const relationship = (id: string) =>
    gql<{
      stixCoreRelationship: {
        id: string;
        confidence: number;
        description: string;
        from: { name: string };
        to: { name: string };
      } | null;
    }>(
      `query($id: String!) { stixCoreRelationship(id: $id) { id confidence description from { ... on Malware { name } ... on IntrusionSet { name } } to { ... on Malware { name } } } }`,
      { id },
    ).then((d) => d.stixCoreRelationship);

  it('edits a relationship from the relationships tab', async () => {
    await page.goto(`${platform.url}/entity/${malwareId}/relationships`);
    await Promise.all([
      page.waitForURL(`**/relationship/${variantId}/edit`),
      page.click('a[aria-label="Edit variant-of Emberbyte"]'),
    ]);
    await expect(page.locator('#relationship-ends').textContent()).resolves.toContain('variant-of');
    await page.fill('#rel-confidence', '101');
    expect((await submit()).status()).toBe(400);
    await expect(page.locator('#rel-confidence-error').textContent()).resolves.toContain(
      '0 to 100',
    );
    await page.fill('#rel-confidence', '65');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('.entity-form .primary'),
    ]);
    await expect(relationship(variantId)).resolves.toMatchObject({
      confidence: 65,
      description: 'Shares the loader.',
    });
  });

  it('reverses it: the other way round, same content', async () => {
    await keepScreenshot(page, 'relationship-edit');
    await Promise.all([
      page.waitForURL((url) => url.pathname.endsWith('/edit') && !url.pathname.includes(variantId)),
      page.click('text=Reverse direction'),
    ]);
    const newId = page.url().split('/').at(-2)!;
    await expect(relationship(variantId)).resolves.toBeNull();
    await expect(relationship(newId)).resolves.toMatchObject({
      confidence: 65,
      description: 'Shares the loader.',
      from: { name: 'Emberbyte' },
      to: { name: 'Quillstorm' },
    });
    const ends = await page.locator('#relationship-ends').textContent();
    expect(ends?.indexOf('Emberbyte')).toBeLessThan(ends?.indexOf('Quillstorm') ?? -1);
  });

  it('refuses to reverse a pair the model does not allow, with a clear message', async () => {
    await page.goto(`${platform.url}/relationship/${usesId}/edit`);
    await expect(page.locator('#reverse-refusal').textContent()).resolves.toContain(
      'does not allow "uses" from Malware to Intrusion-Set',
    );
    await expect(page.locator('text=Reverse direction').count()).resolves.toBe(0);
    // A forged post is refused the same way, the relationship kept.
    const token = (await page.locator('meta[name=csrf-token]').getAttribute('content')) ?? '';
    const forged = await page.request.post(`${platform.url}/relationship/${usesId}/reverse`, {
      headers: { 'x-csrf-token': token },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain('does not allow');
    await expect(relationship(usesId)).resolves.toMatchObject({
      from: { name: 'Cinder Kite' },
      to: { name: 'Quillstorm' },
    });
  });

  it('refuses the forms to a reader without KNOWLEDGE_KNUPDATE (403), nothing stored', async () => {
    const roleId = await create('roleAdd', { name: 'Readers', capabilities: ['KNOWLEDGE'] });
    const groupId = await create('groupAdd', { name: 'Reading room' });
    await gql(
      `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
      { g: groupId, r: roleId },
    );
    const reader = { email: 'reader@example.org', password: 'reader passphrase 42' };
    await create('userAdd', {
      name: 'reader',
      user_email: reader.email,
      password: reader.password,
      groups: [groupId],
    });
    const context = await browser.newContext();
    const readerPage = await context.newPage();
    await signIn(readerPage, platform.url, reader.email, reader.password);
    await readerPage.goto(`${platform.url}/entity/${malwareId}`);
    await expect(readerPage.locator('.page-head >> text=Add note').count()).resolves.toBe(0);
    for (const path of [
      '/create-observable',
      '/create-analysis/note',
      '/create-analysis/opinion',
    ]) {
      expect((await readerPage.goto(`${platform.url}${path}`))?.status()).toBe(403);
    }
    const csrf = (await readerPage.locator('meta[name=csrf-token]').getAttribute('content')) ?? '';
    const forged = await readerPage.request.post(`${platform.url}/create-analysis/note`, {
      form: { _csrf: csrf, content: 'Forged', objects: malwareId },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await expect(count('Note')).resolves.toBe(1);
    await context.close();
  });

  it('lets a participant (KNPARTICIPATE) write a note, and nothing else', async () => {
    const roleId = await create('roleAdd', {
      name: 'Participants',
      capabilities: ['KNOWLEDGE', 'KNOWLEDGE_KNPARTICIPATE'],
    });
    const groupId = await create('groupAdd', { name: 'Analysts circle' });
    await gql(
      `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
      { g: groupId, r: roleId },
    );
    const participant = { email: 'participant@example.org', password: 'participant passphrase 42' };
    await create('userAdd', {
      name: 'participant',
      user_email: participant.email,
      password: participant.password,
      groups: [groupId],
    });
    const context = await browser.newContext();
    const own = await context.newPage();
    await signIn(own, platform.url, participant.email, participant.password);
    await own.goto(`${platform.url}/entity/${malwareId}`);
    await expect(own.locator('.page-head >> text=Add relationship').count()).resolves.toBe(0);
    await expect(own.locator('.page-head >> text=Edit').count()).resolves.toBe(0);
    await Promise.all([
      own.waitForURL('**/create-analysis/note?about=*'),
      own.click('.page-head >> text=Add note'),
    ]);
    await own.fill('#field-content', 'Also seen by the SOC.');
    await Promise.all([own.waitForURL(/\/entity\/[^/]+$/), own.click('.entity-form .primary')]);
    await expect(count('Note')).resolves.toBe(2);
    expect((await own.goto(`${platform.url}/create-observable`))?.status()).toBe(403);
    await context.close();
  });

  it('had no console error, page error or server error', () => {
    expect(problems).toEqual([]);
  });
});
