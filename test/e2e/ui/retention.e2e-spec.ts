import { rmSync } from 'node:fs';
import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { RetentionJobService } from '../../../apps/core/src/retention/retention-job.service';
import { ageElement } from '../../support/age-element.util';
import { assertBuilt } from '../../support/cli.util';
import {
  TEST_ADMIN_PASSWORD,
  embeddedTestEnv,
  startEmbedded,
} from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { graphqlAdd } from '../../support/graphql-add.util';
import {
  keepScreenshot,
  launchBrowser,
  postForm,
  signIn,
  watchProblems,
} from '../../support/browser.util';

const TOKEN = '5e6f7a8b-1c2d-4e3f-9a4b-5c6d7e8f9a0b';

jest.setTimeout(30_000);

// The Retention section of the admin console: an admin fills a rule (by label and age), checks
// what it would delete before saving, saves it, sees its run in the list, and deletes it.
describe('Admin console: retention rules (Chromium)', () => {
  let platform: EmbeddedPlatform;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const old: string[] = [];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);

  const post = (button: string) => postForm(page, button);

  beforeAll(async () => {
    assertBuilt();
    const env = embeddedTestEnv(TOKEN, { THREATLOOM_RETENTION_INTERVAL_S: '0' });
    dataDir = env.THREATLOOM_DATA_DIR ?? '';
    platform = await startEmbedded(env, 'core');
    const add = graphqlAdd(gql);
    const label = await add('labelAdd', { value: 'obsolete' });
    for (const name of ['Expired campaign tool', 'Retired loader']) {
      old.push(await add('malwareAdd', { name, objectLabel: [label] }));
    }
    await add('malwareAdd', { name: 'Fresh loader', objectLabel: [label] });
    for (const id of old) await ageElement(platform.app, id, 10);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchProblems(page);
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.app.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks a rule before creating it, then creates it', async () => {
    await page.goto(`${platform.url}/admin/retention`);
    await expect(page.getByText('No rule: nothing is deleted.').count()).resolves.toBe(1);
    await Promise.all([
      page.waitForURL(/\/admin\/retention\/new$/),
      page.click('text=New retention rule'),
    ]);
    await page.fill('#field-name', 'Obsolete after a week');
    await page.fill('#field-max_retention', '7');
    await page.selectOption('#field-retention_unit', 'days');
    await page.selectOption('#field-labels', { label: 'obsolete' });

    expect((await post('button[value=check]')).status()).toBe(200);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe(
      'Check: this rule would delete 2 objects now. Nothing was deleted or saved.',
    );
    await keepScreenshot(page, 'admin-retention-check');
    // The form keeps what was filled, and nothing was stored.
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Obsolete after a week');
    const none = await gql<{ retentionRules: { pageInfo: { globalCount: number } } }>(
      '{ retentionRules { pageInfo { globalCount } } }',
    );
    expect(none.retentionRules.pageInfo.globalCount).toBe(0);

    expect((await post('button[value=save]')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('Created');
    await expect(page.locator('#field-labels option:checked').textContent()).resolves.toBe(
      'obsolete',
    );
  });

  it('refuses bad advanced filters on the form, keeping the input', async () => {
    await page.click('summary');
    await page.fill(
      '#field-advanced',
      '{"mode":"and","filters":[{"key":["colour"],"values":["x"]}]}',
    );
    expect((await post('button[value=save]')).status()).toBe(400);
    await expect(page.locator('#form-problem').textContent()).resolves.toContain(
      'filters: Unknown filter key "colour"',
    );
    await expect(page.locator('#field-advanced').inputValue()).resolves.toContain('colour');
  });

  it('lists the rule with its last run, then deletes it after confirmation', async () => {
    const [result] = await platform.app.get(RetentionJobService).run();
    expect(result).toMatchObject({ deleted: 2, remaining: 0 });
    await page.goto(`${platform.url}/admin/retention`);
    const row = page.locator('table.data tbody tr', { hasText: 'Obsolete after a week' });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 3)).toEqual(['Labels: obsolete', '7 days']);
    expect(cells.slice(4)).toEqual(['2', '0']);
    await keepScreenshot(page, 'admin-retention');

    await Promise.all([
      page.waitForURL(/\/admin\/retention\/[0-9a-f-]+$/),
      page.click('text=Obsolete after a week'),
    ]);
    await page.click('text=Delete…');
    await expect(page.locator('form.confirm p').textContent()).resolves.toContain(
      'Obsolete after a week',
    );
    expect((await post('form.confirm button.danger')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Deleted.');
    await expect(page.locator('table.data tbody tr').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
