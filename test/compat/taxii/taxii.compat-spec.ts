import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from '@lib/testing';
import { waitFor } from '../../support/distributed.util';
import { ROOT } from '../../support/cli.util';
import { PYCTI_VENVS } from '../pycti/pycti-runner.util';
import { usePlatform } from '../connectors/connector-platform.util';

// The OASIS taxii2-client against the TAXII 2.1 server, on both profiles: discovery, API root,
// collections, every page of a filtered collection (ATT&CK ICS) with `next`, manifest, object by
// id, versions, match[type], added_after, match[version]; the version history of an object edited
// twice (object_versions, get_object by version); a POSTed envelope followed through its status
// resource; a DELETE. Every object served passes stix2-validator and parses with stix2.

const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');
const ADMIN_EMAIL = 'admin@threatloom.local';
const TYPES = ['Attack-Pattern', 'Intrusion-Set', 'Malware', 'stix-core-relationship'];

type ClientReport = {
  title: string;
  collections: string[];
  can_read: boolean;
  can_write: boolean;
  pages: number[];
  count: number;
  distinct: number;
  types: string[];
  invalid: unknown[];
  invalid_count: number;
  manifest_first: { id: string; date_added: string; version: string; media_type: string };
  manifest_more: boolean;
  by_id: string[];
  versions: string[];
  by_type: string[];
  after_last: string[];
  wrong_version: number;
  history: string[];
  history_modified: string[][];
  history_descriptions: string[];
  history_first: string[];
  first_id: string;
  status: { status: string; total_count: number; success_count: number; failure_count: number };
  pushed_id: string;
  deleted: boolean | string;
};

function runClient(args: string[]): Promise<ClientReport> {
  const python = join(ROOT, '.cache', 'venvs', PYCTI_VENVS[0], 'bin', 'python');
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [join(__dirname, 'taxii_client.py'), ...args],
      { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`taxii_client.py failed: ${error.message}\n${stderr.slice(-3000)}`));
        else resolve(JSON.parse(stdout) as ClientReport);
      },
    );
  });
}

describe.each(['embedded', 'distributed'] as const)(
  'taxii2-client on the %s profile',
  (profile) => {
    const platform = usePlatform(profile, `tx${profile.slice(0, 4)}${Date.now().toString(36)}`);
    const query = <T>(q: string, v: Record<string, unknown> = {}) => platform.query<T>(q, v);

    it('reads every page, manifest, versions and filters, pushes an envelope and deletes', async () => {
      const { stixBundlePush: workId } = await query<{ stixBundlePush: string }>(
        `mutation($bundle: String!) { stixBundlePush(connectorId: "taxii-compat", bundle: $bundle) }`,
        { bundle: readFileSync(ICS, 'utf8') },
      );
      await waitFor(
        'the ICS import',
        async () =>
          (
            await query<{ work: { status: string } }>(
              `query($id: ID!) { work(id: $id) { status } }`,
              {
                id: workId,
              },
            )
          ).work.status === 'complete'
            ? true
            : undefined,
        180_000,
      );
      const filters = {
        mode: 'and',
        filters: [{ key: ['entity_type'], values: TYPES }],
        filterGroups: [],
      };
      const { taxiiCollectionAdd: collection } = await query<{
        taxiiCollectionAdd: { id: string };
      }>(
        `mutation($input: TaxiiCollectionAddInput!) { taxiiCollectionAdd(input: $input) { id } }`,
        {
          input: {
            name: `ICS ${profile}`,
            filters: JSON.stringify(filters),
            taxii_write: true,
            taxii_delete: true,
          },
        },
      );
      const counts = await query<{
        stixCoreObjects: { pageInfo: { globalCount: number } };
        stixCoreRelationships: { pageInfo: { globalCount: number } };
        intrusionSets: { edges: { node: { standard_id: string } }[] };
        malwares: { edges: { node: { id: string; standard_id: string } }[] };
      }>(
        `query($f: FilterGroup) {
        stixCoreObjects(first: 1, filters: $f) { pageInfo { globalCount } }
        stixCoreRelationships(first: 1) { pageInfo { globalCount } }
        intrusionSets(first: 1) { edges { node { standard_id } } }
        malwares(first: 1) { edges { node { id standard_id } } } }`,
        {
          f: {
            mode: 'and',
            filters: [{ key: ['entity_type'], values: TYPES.slice(0, 3) }],
            filterGroups: [],
          },
        },
      );
      const expected =
        counts.stixCoreObjects.pageInfo.globalCount +
        counts.stixCoreRelationships.pageInfo.globalCount;
      const doomed = counts.intrusionSets.edges[0]?.node.standard_id as string;
      // Two edits of one imported malware: three versions (the bundle's, then one per edit).
      const edited = counts.malwares.edges[0]?.node as { id: string; standard_id: string };
      for (const description of ['edited once', 'edited twice']) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await query(
          `mutation($id: ID!, $input: [EditInput]!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: $input) { id } } }`,
          { id: edited.id, input: [{ key: 'description', value: [description] }] },
        );
      }

      const report = await runClient([
        platform.url,
        ADMIN_EMAIL,
        platform.token,
        collection.id,
        doomed,
        edited.standard_id,
      ]);

      expect(report.collections).toContain(collection.id);
      expect(report).toEqual(expect.objectContaining({ can_read: true, can_write: true }));
      expect(report.count).toBe(expected);
      expect(report.distinct).toBe(report.count);
      expect(report.pages.length).toBeGreaterThan(1);
      expect(report.types).toEqual(['attack-pattern', 'intrusion-set', 'malware', 'relationship']);
      expect(report.invalid).toEqual([]);
      expect(report.invalid_count).toBe(0);
      expect(report.manifest_first).toEqual(
        expect.objectContaining({
          id: report.first_id,
          media_type: 'application/stix+json;version=2.1',
        }),
      );
      expect(report.manifest_more).toBe(true);
      expect(report.by_id).toEqual([report.first_id]);
      expect(report.versions).toHaveLength(1);
      expect(report.by_type).toEqual(['attack-pattern']);
      // Only the malware edited after the import was added after the manifest's last date.
      expect(report.after_last).toEqual([edited.standard_id]);
      expect(report.wrong_version).toBe(0);
      expect(report.history).toHaveLength(3);
      expect([...report.history].sort()).toEqual(report.history);
      expect(report.history_modified).toEqual(report.history.map((v) => [v]));
      expect(report.history_descriptions.slice(1)).toEqual(['edited once', 'edited twice']);
      expect(report.history_first).toEqual(report.history.slice(0, 1));
      expect(report.status).toEqual({
        status: 'complete',
        total_count: 1,
        success_count: 1,
        failure_count: 0,
      });
      expect(report.deleted).toBe(true);
      const { indicator } = await query<{ indicator: { name: string } | null }>(
        `query($id: String!) { indicator(id: $id) { name } }`,
        { id: report.pushed_id },
      );
      expect(indicator?.name).toBe('TAXII pushed indicator');
    }, 600_000);

    it('answers TAXII errors: 401 with WWW-Authenticate, 404 for an unknown collection', async () => {
      const anonymous = await fetch(`${platform.url}/taxii2/`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Basic, Bearer');
      expect(anonymous.headers.get('content-type')).toContain('application/taxii+json');
      const unknown = await fetch(
        `${platform.url}/taxii2/root/collections/3f0d1c8e-0000-4000-8000-000000000000/objects/`,
        { headers: { authorization: `Bearer ${platform.token}` } },
      );
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { http_status: string }).http_status).toBe('404');
    });
  },
);
