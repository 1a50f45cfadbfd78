import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { sharedData } from '@lib/testing';
import { waitFor } from '../../../test/support/distributed.util';
import { bundleDamagedAfter } from '../../../test/support/large-bundle.util';
import { objectsOf, useBuiltInPlatform } from './builtin-platform.util';

// The built-in file connectors: STIX bundles imported (by themselves, into a report), elements and
// lists exported as STIX, CSV and IOC lists.

const URL_INDICATOR = sharedData(
  'oasis-cti-documentation-examples',
  'indicator-for-malicious-url.json',
);

describe('Built-in file connectors (embedded, every role)', () => {
  const { app, data, completed, download, upload } = useBuiltInPlatform(() => ({
    THREATLOOM_BUILTIN_CONNECTORS: 'import-stix,export',
  }));

  const worksOf = (connectorId: string, source: string) =>
    waitFor(
      `a work of ${connectorId} on ${source}`,
      async () => {
        const { works } = await data<{ works: { edges: { node: { id: string } }[] } }>(
          `query($s: [Any!]!, $c: [Any!]!) { works(first: 10, filters: { mode: and, filterGroups: [], filters: [{ key: "event_source_id", values: $s }, { key: "connector_id", values: $c }] }) { edges { node { id } } } }`,
          { s: [source], c: [connectorId] },
        );
        return works.edges[0]?.node.id;
      },
      30_000,
    );

  it('imports an uploaded STIX bundle by itself, and into the report it is attached to', async () => {
    const { uploadImport } = await upload<{ uploadImport: { id: string } }>(
      `mutation($file: Upload!) { uploadImport(file: $file) { id } }`,
      {},
      URL_INDICATOR,
    );
    const auto = await completed(await worksOf('threatloom-import-stix', uploadImport.id));
    expect(auto.errors).toEqual([]);
    expect(auto.tracking.import_processed_number).toBe(3);
    const { indicator } = await data<{ indicator: { name: string } | null }>(
      `{ indicator(id: "indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f") { name } }`,
    );
    expect(indicator?.name).toBe('Malicious site hosting downloader');

    const { reportAdd } = await data<{ reportAdd: { id: string } }>(
      `mutation { reportAdd(input: { name: "Downloader report", published: "2024-06-01T00:00:00.000Z" }) { id } }`,
    );
    const attached = await upload<{ stixDomainObjectEdit: { importPush: { id: string } } }>(
      `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file) { id } } }`,
      { id: reportAdd.id },
      URL_INDICATOR,
    );
    await completed(
      await worksOf('threatloom-import-stix', attached.stixDomainObjectEdit.importPush.id),
    );
    const { report } = await data<{ report: { objects: { edges: { node: { id: string } }[] } } }>(
      `query($id: String!) { report(id: $id) { objects(all: true) { edges { node { ... on BasicObject { id } } } } } }`,
      { id: reportAdd.id },
    );
    expect(report.objects.edges).toHaveLength(3);
  });

  it('imports a large upload part by part, keeping the parts before a damaged object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-upload-'));
    const file = join(dir, 'large.json');
    writeFileSync(file, bundleDamagedAfter(12_000));
    try {
      const { uploadImport } = await upload<{ uploadImport: { id: string } }>(
        `mutation($file: Upload!) { uploadImport(file: $file) { id } }`,
        {},
        file,
      );
      const work = await completed(await worksOf('threatloom-import-stix', uploadImport.id));
      const said = [...work.errors, ...work.messages].map((m) => m.message).join('\n');
      expect(said).toMatch(
        /objects\[12000\] is not valid JSON .*\(the ([\d]+) objects before it were sent\)/,
      );
      const sent = Number(/the (\d+) objects before it were sent/.exec(said)?.[1]);
      expect(sent).toBeGreaterThanOrEqual(5000);
      expect(sent).toBeLessThan(12_000);
      expect(work.tracking.import_expected_number).toBe(sent);
      expect(work.tracking.import_processed_number).toBe(sent);
      expect(work.outcomes.created).toBe(sent);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how many objects of an upload it skipped for want of an id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-upload-'));
    const file = join(dir, 'no-id.json');
    const [indicator] = objectsOf(URL_INDICATOR).filter((o) => o.type === 'indicator');
    const { id: _id, ...withoutId } = { ...indicator, name: 'no id' };
    writeFileSync(file, JSON.stringify({ type: 'bundle', objects: [indicator, withoutId] }));
    try {
      const { uploadImport } = await upload<{ uploadImport: { id: string } }>(
        `mutation($file: Upload!) { uploadImport(file: $file) { id } }`,
        {},
        file,
      );
      const work = await completed(await worksOf('threatloom-import-stix', uploadImport.id));
      expect(work.errors).toEqual([]);
      expect(work.messages.map((m) => m.message)).toContainEqual(
        expect.stringMatching(/^1 objects sent from .*; 1 without an id skipped$/),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports a report as a STIX bundle and as an IOC list, as the analyst who asked', async () => {
    const { reports } = await data<{
      reports: { edges: { node: { id: string; standard_id: string } }[] };
    }>(`{ reports(search: "Downloader report") { edges { node { id standard_id } } } }`);
    const report = reports.edges[0]?.node;
    expect(report).toBeDefined();
    const exportAs = async (format: string) => {
      const { stixCoreObjectEdit } = await data<{
        stixCoreObjectEdit: { exportAsk: { id: string; name: string }[] };
      }>(
        `mutation($id: ID!, $f: String!) { stixCoreObjectEdit(id: $id) { exportAsk(input: { format: $f, exportType: "full", connectorId: "threatloom-export" }) { id name } } }`,
        { id: report?.id, f: format },
      );
      const [pending] = stixCoreObjectEdit.exportAsk;
      expect((await completed(pending?.id ?? '')).errors).toEqual([]);
      const { report: exported } = await data<{
        report: { exportFiles: { edges: { node: { id: string; name: string } }[] } };
      }>(`query($id: String!) { report(id: $id) { exportFiles { edges { node { id name } } } } }`, {
        id: report?.id,
      });
      const file = exported.exportFiles.edges.find((e) => e.node.name === pending?.name)?.node;
      return download(file?.id ?? '');
    };
    const bundle = JSON.parse(await exportAs('application/json')) as {
      type: string;
      objects: { id: string; type: string; object_refs?: string[] }[];
    };
    expect(bundle.type).toBe('bundle');
    const ids = bundle.objects.map((o) => o.id);
    expect(ids).toContain(report?.standard_id);
    // Full: the report's objects come along (under their standard ids), and the relationship.
    expect(bundle.objects.map((o) => o.type).sort()).toEqual(
      expect.arrayContaining(['indicator', 'malware', 'relationship', 'report']),
    );
    const exportedReport = bundle.objects.find((o) => o.id === report?.standard_id);
    expect(exportedReport?.object_refs).toHaveLength(3);
    const lines = (await exportAs('text/plain')).trim().split('\n');
    expect(lines).toEqual(["[url:value = 'http://x4z9arb.cn/4712/']"]);
  });

  it('exports lists found by a query or picked by id, as STIX, CSV and IOC lists, within the markings asked', async () => {
    const TLP = {
      green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
      amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
      red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
    };
    const malware = async (name: string, marking: string) =>
      (
        await data<{ malwareAdd: { id: string; standard_id: string } }>(
          `mutation($n: String!, $m: [String]) { malwareAdd(input: { name: $n, is_family: true, objectMarking: $m }) { id standard_id } }`,
          { n: name, m: [marking] },
        )
      ).malwareAdd;
    const green = await malware('Listed green malware', TLP.green);
    const red = await malware('Listed red malware', TLP.red);
    const exportList = async (input: Record<string, unknown>) => {
      const { stixCoreObjectsExportAsk } = await data<{
        stixCoreObjectsExportAsk: { id: string; name: string }[];
      }>(
        `mutation($input: StixCoreObjectsExportAskInput!) { stixCoreObjectsExportAsk(input: $input) { id name } }`,
        { input: { connectorId: 'threatloom-export', exportType: 'simple', ...input } },
      );
      const [pending] = stixCoreObjectsExportAsk;
      const work = await completed(pending?.id ?? '');
      expect(work.errors).toEqual([]);
      const { stixCoreObjectsExportFiles } = await data<{
        stixCoreObjectsExportFiles: { edges: { node: { id: string; name: string } }[] };
      }>(
        `query($c: ExportContext!) { stixCoreObjectsExportFiles(exportContext: $c) { edges { node { id name } } } }`,
        { c: input.exportContext },
      );
      const file = stixCoreObjectsExportFiles.edges.find((e) => e.node.name === pending?.name);
      expect(file).toBeDefined();
      return { text: await download(file?.node.id ?? ''), message: work.messages };
    };
    const byName = {
      mode: 'and',
      filters: [{ key: ['name'], values: ['Listed green malware', 'Listed red malware'] }],
      filterGroups: [],
    };

    // A query, as a bundle: both malwares, their markings along; TLP:AMBER at most drops the red.
    const all = JSON.parse(
      (
        await exportList({
          format: 'application/json',
          exportContext: { entity_type: 'Malware' },
          filters: byName,
        })
      ).text,
    ) as { objects: { id: string; type: string }[] };
    expect(
      all.objects
        .filter((o) => o.type === 'malware')
        .map((o) => o.id)
        .sort(),
    ).toEqual([green.standard_id, red.standard_id].sort());
    expect(all.objects.map((o) => o.id)).toEqual(expect.arrayContaining([TLP.green, TLP.red]));
    const amber = JSON.parse(
      (
        await exportList({
          format: 'application/json',
          exportContext: { entity_type: 'Malware' },
          filters: byName,
          contentMaxMarkings: [TLP.amber],
        })
      ).text,
    ) as { objects: { id: string; type: string }[] };
    expect(amber.objects.filter((o) => o.type === 'malware').map((o) => o.id)).toEqual([
      green.standard_id,
    ]);
    expect(amber.objects.map((o) => o.id)).not.toContain(TLP.red);

    // A selection, as CSV: a header, then one row per picked element, markings by name.
    const csv = parse<Record<string, string>>(
      (
        await exportList({
          format: 'text/csv',
          exportContext: { entity_type: 'Stix-Domain-Object' },
          selectedIds: [red.id, green.standard_id],
        })
      ).text,
      { columns: true },
    );
    expect(csv.map((r) => [r.id, r.entity_type, r.name, r.markings])).toEqual([
      [red.standard_id, 'Malware', 'Listed red malware', 'TLP:RED'],
      [green.standard_id, 'Malware', 'Listed green malware', 'TLP:GREEN'],
    ]);

    // The indicators a search finds, as an IOC list.
    const iocs = await exportList({
      format: 'text/plain',
      exportContext: { entity_type: 'Indicator' },
      search: 'x4z9arb.cn',
    });
    expect(iocs.text.trim().split('\n')).toEqual(["[url:value = 'http://x4z9arb.cn/4712/']"]);
  });

  it("never exports above what the asking user's groups may share", async () => {
    const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
    const TLP_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
    const names = ['Shared amber malware', 'Kept red malware'];
    for (const [name, marking] of [
      [names[0], TLP_AMBER],
      [names[1], TLP_RED],
    ]) {
      await data(
        `mutation($n: String!, $m: [String]) { malwareAdd(input: { name: $n, is_family: true, objectMarking: $m }) { id } }`,
        { n: name, m: [marking] },
      );
    }
    // A user who reads TLP:RED but may share up to TLP:AMBER.
    const role = await data<{ roleAdd: { id: string } }>(
      `mutation { roleAdd(input: { name: "Exporter", capabilities: ["KNOWLEDGE", "KNOWLEDGE_KNGETEXPORT_KNASKEXPORT"] }) { id } }`,
    );
    const group = await data<{ groupAdd: { id: string } }>(
      `mutation { groupAdd(input: { name: "Red readers, amber sharers" }) { id } }`,
    );
    const g = group.groupAdd.id;
    await data(
      `mutation($g: ID!, $r: ID!, $m: ID!) { a: groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } b: groupEdit(id: $g) { relationAdd(input: { toId: $m, relationship_type: "accesses-to" }) { id } } }`,
      { g, r: role.roleAdd.id, m: TLP_RED },
    );
    await data(
      `mutation($g: ID!, $input: [EditInput]!) { groupEdit(id: $g) { fieldPatch(input: $input) { id } } }`,
      { g, input: [{ key: 'max_shareable_markings', value: [{ type: 'TLP', value: TLP_AMBER }] }] },
    );
    const user = await data<{ userAdd: { id: string } }>(
      `mutation($g: [String!]) { userAdd(input: { name: "exporter", user_email: "exporter@example.org", groups: $g }) { id } }`,
      { g: [g] },
    );
    const token = await data<{ userAdminTokenAdd: { plaintext_token: string } }>(
      `mutation($u: ID!) { userAdminTokenAdd(userId: $u, input: { name: "export" }) { plaintext_token } }`,
      { u: user.userAdd.id },
    );
    const asked = await request(app().getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${token.userAdminTokenAdd.plaintext_token}`)
      .send({
        query: `mutation($input: StixCoreObjectsExportAskInput!) { stixCoreObjectsExportAsk(input: $input) { id name } }`,
        variables: {
          input: {
            connectorId: 'threatloom-export',
            exportType: 'simple',
            format: 'application/json',
            exportContext: { entity_type: 'Malware' },
            filters: {
              mode: 'and',
              filters: [{ key: ['name'], values: names }],
              filterGroups: [],
            },
          },
        },
      });
    const body = asked.body as {
      data?: { stixCoreObjectsExportAsk: { id: string; name: string }[] };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    const pending = body.data?.stixCoreObjectsExportAsk[0];
    const work = await completed(pending?.id ?? '');
    expect(work.errors).toEqual([]);
    const { stixCoreObjectsExportFiles } = await data<{
      stixCoreObjectsExportFiles: { edges: { node: { id: string; name: string } }[] };
    }>(
      `query { stixCoreObjectsExportFiles(exportContext: { entity_type: "Malware" }) { edges { node { id name } } } }`,
    );
    const file = stixCoreObjectsExportFiles.edges.find((e) => e.node.name === pending?.name);
    const bundle = JSON.parse(await download(file?.node.id ?? '')) as {
      objects: { type: string; name?: string }[];
    };
    expect(bundle.objects.filter((o) => o.type === 'malware').map((o) => o.name)).toEqual([
      names[0],
    ]);
  });
});
