import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { EntityStore, buildElement } from '@lib/entity-store';
import { SYSTEM_USER_ID } from '@lib/rbac';
import { RetentionJobService } from '../src/retention/retention-job.service';
import { assertBuilt } from '../../../test/support/cli.util';
import { waitFor } from '../../../test/support/distributed.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../../test/support/embedded-platform.util';
import { addPlainUser } from './support/plain-user.util';
import { ageElement } from '../../../test/support/age-element.util';

// Knowledge retention rules end to end: a rule selects by its filters and by the age of the last
// update; the dry run counts, the run deletes exactly that (as the system user, seen in the audit
// log), records its counts on the rule; a reader without the settings capability is refused.

const TOKEN = 'c3d4e5f6-1234-4abc-9def-0123456789ab';
const ANALYST_TOKEN = randomUUID();
const DAY_MS = 86_400_000;

type GqlBody = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string; details?: { field?: string } } }[];
};
type Rule = {
  id: string;
  name: string;
  max_retention: number;
  retention_unit: string;
  last_execution_date: string | null;
  last_deleted_count: number | null;
  remaining_count: number | null;
};
const RULE_FIELDS =
  'id name max_retention retention_unit last_execution_date last_deleted_count remaining_count';

describe('Knowledge retention rules (embedded)', () => {
  let platform: EmbeddedPlatform;
  let dir: string;
  const labels: Record<string, string> = {};
  let analystId = '';

  const post = async (token: string, query: string, variables = {}) =>
    (
      await request(platform.app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${token}`)
        .send({ query, variables })
    ).body as GqlBody;
  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await post(TOKEN, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };
  const malware = async (name: string, label: string): Promise<string> =>
    (
      await data<{ malwareAdd: { id: string } }>(
        'mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }',
        { input: { name, objectLabel: [labels[label]] } },
      )
    ).malwareAdd.id;
  const exists = async (id: string): Promise<boolean> =>
    (
      await data<{ malware: { id: string } | null }>(
        'query($id: String!) { malware(id: $id) { id } }',
        { id },
      )
    ).malware !== null;
  const labelled = (label: string) =>
    JSON.stringify({
      mode: 'and',
      filters: [{ key: ['objectLabel'], values: [labels[label]] }],
      filterGroups: [],
    });

  beforeAll(async () => {
    assertBuilt();
    // The timer never fires: the tests run the rules themselves.
    const env = embeddedTestEnv(TOKEN, {
      THREATLOOM_AUDIT_FLUSH_MS: '100',
      THREATLOOM_RETENTION_INTERVAL_S: '0',
    });
    dir = env.THREATLOOM_DATA_DIR as string;
    platform = await startEmbedded(env, 'core');
    analystId = await addPlainUser(platform.app, {
      email: 'reader@example.com',
      password: 'reader password 1',
      token: ANALYST_TOKEN,
    });
    for (const value of ['stale', 'keep']) {
      labels[value] = (
        await data<{ labelAdd: { id: string } }>(
          'mutation($input: LabelAddInput!) { labelAdd(input: $input) { id } }',
          { input: { value } },
        )
      ).labelAdd.id;
    }
  }, 120_000);

  afterAll(async () => {
    await platform?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'r', max_retention: -3 }, 'max_retention'],
      [{ name: 'r', max_retention: 3, retention_unit: 'weeks' }, 'retention_unit'],
      [
        {
          name: 'r',
          max_retention: 3,
          filters:
            '{"mode":"and","filters":[{"key":["no_such_key"],"values":["x"]}],"filterGroups":[]}',
        },
        'filters',
      ],
    ];
    for (const [input, field] of cases) {
      const body = await post(
        TOKEN,
        'mutation($input: RetentionRuleAddInput!) { retentionRuleAdd(input: $input) { id } }',
        { input },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
      expect(body.errors?.[0]?.extensions?.details?.field).toBe(field);
    }
    expect(body(await post(TOKEN, '{ retentionRules { pageInfo { globalCount } } }'))).toEqual({
      retentionRules: { pageInfo: { globalCount: 0 } },
    });
  });

  it('counts, then deletes exactly the old matching knowledge, and records the run', async () => {
    const oldStale = [
      await malware('Old stale one', 'stale'),
      await malware('Old stale two', 'stale'),
    ];
    const oldKept = await malware('Old with another label', 'keep');
    const newStale = await malware('Recent stale', 'stale');
    // Old and labelled too, but a user's organization: the access model needs it, no rule takes it.
    const { organizationAdd: org } = await data<{ organizationAdd: { id: string } }>(
      'mutation($input: OrganizationAddInput!) { organizationAdd(input: $input) { id } }',
      { input: { name: 'Stale members org', objectLabel: [labels.stale] } },
    );
    await data(
      'mutation($id: ID!, $org: ID!) { userEdit(id: $id) { organizationAdd(organizationId: $org) { id } } }',
      { id: analystId, org: org.id },
    );
    for (const id of [...oldStale, oldKept, org.id]) await ageElement(platform.app, id, 3);

    const input = { name: 'Stale after two days', filters: labelled('stale'), max_retention: 2 };
    const check = await data<{ retentionRuleCheck: number }>(
      'mutation($input: RetentionRuleAddInput!) { retentionRuleCheck(input: $input) }',
      { input },
    );
    expect(check.retentionRuleCheck).toBe(2);
    const hours = await data<{ retentionRuleCheck: number }>(
      'mutation($input: RetentionRuleAddInput!) { retentionRuleCheck(input: $input) }',
      { input: { ...input, max_retention: 100, retention_unit: 'hours' } },
    );
    expect(hours.retentionRuleCheck).toBe(0);
    const { retentionRuleAdd: rule } = await data<{ retentionRuleAdd: Rule }>(
      `mutation($input: RetentionRuleAddInput!) { retentionRuleAdd(input: $input) { ${RULE_FIELDS} } }`,
      { input },
    );
    expect(rule).toMatchObject({
      max_retention: 2,
      retention_unit: 'days',
      last_execution_date: null,
    });

    // A rule stored before its filters became invalid fails alone; the others still run.
    const broken = buildElement({
      entityType: 'RetentionRule',
      standardId: `retentionrule--${randomUUID()}`,
      attributes: {
        name: 'A broken rule',
        filters:
          '{"mode":"and","filters":[{"key":["bogus_key"],"values":["x"]}],"filterGroups":[]}',
        max_retention: 1,
        retention_unit: 'days',
        scope: 'knowledge',
      },
    });
    await platform.app.get(EntityStore).commit({
      upserts: [{ element: broken, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });

    const now = new Date();
    const results = await platform.app.get(RetentionJobService).run(now);
    expect(results).toEqual([{ ruleId: rule.id, deleted: 2, remaining: 0 }]);
    for (const id of oldStale) expect(await exists(id)).toBe(false);
    expect(await exists(oldKept)).toBe(true);
    expect(await exists(newStale)).toBe(true);
    const kept = await data<{ organization: { id: string } | null }>(
      'query($id: String!) { organization(id: $id) { id } }',
      { id: org.id },
    );
    expect(kept.organization?.id).toBe(org.id);

    const after = await data<{ retentionRule: Rule }>(
      `query($id: String!) { retentionRule(id: $id) { ${RULE_FIELDS} } }`,
      { id: rule.id },
    );
    expect(after.retentionRule).toMatchObject({
      last_execution_date: now.toISOString(),
      last_deleted_count: 2,
      remaining_count: 0,
    });

    // The clock the run takes: three days on, the recent one is old enough too.
    const later = await platform.app
      .get(RetentionJobService)
      .run(new Date(now.getTime() + 3 * DAY_MS));
    expect(later).toEqual([{ ruleId: rule.id, deleted: 1, remaining: 0 }]);
    expect(await exists(newStale)).toBe(false);
    expect(await exists(oldKept)).toBe(true);

    const deletions = await waitFor(
      'the audit entries of the deletions',
      async () => {
        const { audits } = await data<{
          audits: {
            edges: {
              node: { event_scope: string; user_id: string; context_data: { entity_id: string } };
            }[];
          };
        }>(
          `query($filters: FilterGroup) { audits(first: 50, filters: $filters) {
            edges { node { event_scope user_id context_data { entity_id } } } } }`,
          {
            filters: {
              mode: 'and',
              filters: [
                { key: ['event_scope'], values: ['delete'] },
                { key: ['context_data.entity_id'], values: [...oldStale, newStale] },
              ],
              filterGroups: [],
            },
          },
        );
        return audits.edges.length >= 3 ? audits.edges.map((e) => e.node) : undefined;
      },
      30_000,
    );
    expect(deletions.map((d) => d.context_data.entity_id).sort()).toEqual(
      [...oldStale, newStale].sort(),
    );
    for (const entry of deletions) expect(entry.user_id).toBe(SYSTEM_USER_ID);
  }, 90_000);

  it('lists, edits and deletes rules, each change audited', async () => {
    const { retentionRuleAdd: rule } = await data<{ retentionRuleAdd: Rule }>(
      'mutation { retentionRuleAdd(input: { name: "Zeta rule", max_retention: 30, retention_unit: "minutes" }) { id } }',
    );
    const list = await data<{
      retentionRules: { edges: { node: Rule }[]; pageInfo: { globalCount: number } };
    }>(
      '{ retentionRules(orderBy: name, orderMode: desc, search: "rule") { edges { node { id name } } pageInfo { globalCount } } }',
    );
    expect(list.retentionRules.edges[0]?.node.name).toBe('Zeta rule');
    const edited = await data<{ retentionRuleEdit: { fieldPatch: Rule } }>(
      `mutation($id: ID!) { retentionRuleEdit(id: $id) { fieldPatch(input: [{ key: "max_retention", value: ["45"] }]) { ${RULE_FIELDS} } } }`,
      { id: rule.id },
    );
    expect(edited.retentionRuleEdit.fieldPatch.max_retention).toBe(45);
    const refused = await post(
      TOKEN,
      'mutation($id: ID!) { retentionRuleEdit(id: $id) { fieldPatch(input: [{ key: "last_deleted_count", value: [9] }]) { id } } }',
      { id: rule.id },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await data('mutation($id: ID!) { retentionRuleEdit(id: $id) { delete } }', { id: rule.id });
    const gone = await data<{ retentionRule: Rule | null }>(
      'query($id: String!) { retentionRule(id: $id) { id } }',
      { id: rule.id },
    );
    expect(gone.retentionRule).toBeNull();
    const scopes = await waitFor(
      'the admin entries of the rule',
      async () => {
        const { audits } = await data<{ audits: { edges: { node: { event_scope: string } }[] } }>(
          `query($filters: FilterGroup) { audits(first: 10, filters: $filters, orderBy: timestamp, orderMode: asc) {
            edges { node { event_scope } } } }`,
          {
            filters: {
              mode: 'and',
              filters: [{ key: ['context_data.entity_id'], values: [rule.id] }],
              filterGroups: [],
            },
          },
        );
        return audits.edges.length >= 3 ? audits.edges.map((e) => e.node.event_scope) : undefined;
      },
      30_000,
    );
    expect(scopes).toEqual(['create', 'update', 'delete']);
  }, 60_000);

  it('refuses a reader without the settings capability', async () => {
    for (const query of [
      '{ retentionRules { edges { node { id } } } }',
      'mutation { retentionRuleCheck(input: { name: "x", max_retention: 1 }) }',
      'mutation { retentionRuleAdd(input: { name: "x", max_retention: 1 }) { id } }',
    ]) {
      const answer = await post(ANALYST_TOKEN, query);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const rules = await data<{ retentionRules: { pageInfo: { globalCount: number } } }>(
      '{ retentionRules { pageInfo { globalCount } } }',
    );
    // Only the stale rule and the broken one of the run test: the reader added nothing.
    expect(rules.retentionRules.pageInfo.globalCount).toBe(2);
  });
});

function body(answer: GqlBody): Record<string, unknown> | undefined {
  expect(answer.errors).toBeUndefined();
  return answer.data;
}
