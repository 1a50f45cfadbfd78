import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loopbackPortBase,
  platformGraphql,
  sharedData,
  startRole,
  stopRole,
  waitReady,
} from '@lib/testing';
import type { PlatformProcess } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { waitFor } from '../../../test/support/distributed.util';
import { pdfOf, uploadGraphql } from '../../../test/support/graphql-upload.util';

// The document import in the platform process (pdf.js runs there, not in jest's sandbox): a PDF
// becomes a report of what it names, an HTML page attached to a report and asked for review
// waits in a draft until it is validated.

const TOKEN = 'c5d6e7f8-1234-4abc-9def-0123456789ab';
const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');

type Work = {
  id: string;
  status: string;
  messages: { message: string }[];
  errors: { message: string }[];
};
type ReportObjects = {
  report: {
    objects: {
      edges: { node: { entity_type: string; observable_value?: string; name?: string } }[];
    };
  };
};

describe('Document import (embedded platform process)', () => {
  let dir: string;
  let platform: PlatformProcess;
  const url = () => `http://127.0.0.1:${platform.port}`;
  const query = <T>(q: string, v: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, q, v);

  const completed = (workId: string) =>
    waitFor(
      `work ${workId}`,
      async () => {
        const { work } = await query<{ work: Work }>(
          `query($id: ID!) { work(id: $id) { id status messages { message } errors { message } } }`,
          { id: workId },
        );
        return work.status === 'complete' ? work : undefined;
      },
      120_000,
    );

  const workOn = (fileId: string) =>
    waitFor(
      `the import of ${fileId}`,
      async () => {
        const { works } = await query<{ works: { edges: { node: { id: string } }[] } }>(
          `query($s: [Any!]!) { works(first: 5, filters: { mode: and, filterGroups: [], filters: [{ key: "event_source_id", values: $s }] }) { edges { node { id } } } }`,
          { s: [fileId] },
        );
        return works.edges[0]?.node.id;
      },
      60_000,
    );

  const importFile = async (
    file: { name: string; type: string; body: string | Uint8Array },
    options: { entityId?: string; bypass?: boolean } = {},
  ): Promise<{ fileId: string; work: Work }> => {
    const uploaded = options.entityId
      ? (
          await uploadGraphql<{ stixDomainObjectEdit: { importPush: { id: string } } }>(
            { url: url(), token: TOKEN },
            `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file, noTriggerImport: true) { id } } }`,
            { id: options.entityId },
            file,
          )
        ).stixDomainObjectEdit.importPush.id
      : (
          await uploadGraphql<{ uploadImport: { id: string } }>(
            { url: url(), token: TOKEN },
            `mutation($file: Upload!) { uploadImport(file: $file, noTriggerImport: true) { id } }`,
            {},
            file,
          )
        ).uploadImport.id;
    await query(
      `mutation($f: ID!, $bypass: Boolean) { askJobImport(fileName: $f, connectorId: "threatloom-import-document", validationMode: "draft", bypassValidation: $bypass) { id } }`,
      { f: uploaded, bypass: options.bypass === true },
    );
    return { fileId: uploaded, work: await completed(await workOn(uploaded)) };
  };

  type Draft = {
    id: string;
    entity_id: string | null;
    objectsCount: { observablesCount: number; entitiesCount: number; containersCount: number };
  };
  const draftOf = async (fileId: string): Promise<Draft | undefined> =>
    (
      await query<{ draftWorkspaces: { edges: { node: Draft }[] } }>(
        `query($s: String) { draftWorkspaces(search: $s) { edges { node { id entity_id objectsCount { observablesCount entitiesCount containersCount } } } } }`,
        { s: fileId },
      )
    ).draftWorkspaces.edges[0]?.node;

  /** Validates a draft; answers its import work once complete. */
  const validate = async (draftId: string) => {
    const { draftWorkspaceValidate } = await query<{ draftWorkspaceValidate: { id: string } }>(
      `mutation($id: ID!) { draftWorkspaceValidate(id: $id) { id } }`,
      { id: draftId },
    );
    return completed(draftWorkspaceValidate.id);
  };

  const reportObjects = async (id: string) =>
    (
      await query<ReportObjects>(
        `query($id: String!) { report(id: $id) { objects(all: true) { edges { node { ... on BasicObject { entity_type } ... on StixCyberObservable { observable_value } ... on AttackPattern { name } ... on Vulnerability { name } } } } } }`,
        { id },
      )
    ).report.objects.edges.map((e) => e.node);

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-documents-'));
    platform = startRole('all', loopbackPortBase(), {
      ...process.env,
      THREATLOOM_DATA_DIR: dir,
      THREATLOOM_HOST: '127.0.0.1',
      THREATLOOM_ADMIN_TOKEN: TOKEN,
      THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
      THREATLOOM_LOG_LEVEL: 'warn',
      THREATLOOM_BUILTIN_CONNECTORS: 'mitre,import-document,export',
      THREATLOOM_CONNECTOR_MITRE_SOURCES: ICS,
    });
    await waitReady(platform);
    // ATT&CK ICS first: the techniques a document names are linked when the platform knows them.
    await waitFor(
      'the ICS import',
      async () => {
        const { attackPatterns } = await query<{
          attackPatterns: { pageInfo: { globalCount: number } };
        }>(`{ attackPatterns(first: 1) { pageInfo { globalCount } } }`);
        return attackPatterns.pageInfo.globalCount >= 95 ? true : undefined;
      },
      120_000,
    );
  }, 240_000);

  afterAll(async () => {
    if (platform) await stopRole(platform);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('turns a PDF into a draft report of the observables, CVEs and known techniques it names', async () => {
    const pdf = await pdfOf([
      'Operation Brine Valve',
      'Operators reached the HMI from 198.51.100.77 and staged tools on hxxp://ot-patch[.]example[.]org/kit.zip.',
      'They exploited CVE-2023-27997 and used T0817 (Drive-by Compromise) and T9999, which is not a technique.',
    ]);
    const { fileId, work } = await importFile({
      name: 'brine-valve.pdf',
      type: 'application/pdf',
      body: pdf,
    });
    expect(work.errors).toEqual([]);
    // Reviewed first: nothing in the graph until the draft is validated.
    expect(work.messages.map((m) => m.message).join(' ')).toMatch(/→ draft /);
    const before = await query<{ reports: { edges: unknown[] } }>(
      `{ reports(search: "Brine Valve") { edges { node { id } } } }`,
    );
    expect(before.reports.edges).toEqual([]);
    const draft = await draftOf(fileId);
    // The address, the URL; the vulnerability and the report (the attack pattern exists).
    expect(draft?.objectsCount).toEqual({
      observablesCount: 2,
      entitiesCount: 2,
      containersCount: 1,
    });
    expect((await validate(draft?.id ?? '')).errors).toEqual([]);
    const said = work.messages.map((m) => m.message).join(' ');
    expect(said).toContain('2 observables, 1 vulnerabilities, 1 attack patterns');
    expect(said).toContain('techniques not in the platform: T9999');
    const { reports } = await query<{
      reports: { edges: { node: { id: string; name: string } }[] };
    }>(`{ reports(search: "Brine Valve") { edges { node { id name } } } }`);
    const report = reports.edges.find((e) => e.node.name === 'Operation Brine Valve')?.node;
    expect(report).toBeDefined();
    const objects = await reportObjects(report?.id ?? '');
    expect(objects.map((o) => o.observable_value ?? o.name).sort()).toEqual(
      [
        '198.51.100.77',
        'http://ot-patch.example.org/kit.zip',
        'CVE-2023-27997',
        'Drive-by Compromise',
      ].sort(),
    );
  }, 180_000);

  it('exports a report as a PDF that reads back into the same knowledge', async () => {
    const { reports } = await query<{
      reports: { edges: { node: { id: string; name: string } }[] };
    }>(`{ reports(search: "Brine Valve") { edges { node { id name } } } }`);
    const original = reports.edges.find((e) => e.node.name === 'Operation Brine Valve')?.node;
    const { stixCoreObjectEdit } = await query<{
      stixCoreObjectEdit: { exportAsk: { id: string; name: string }[] };
    }>(
      `mutation($id: ID!) { stixCoreObjectEdit(id: $id) { exportAsk(input: { format: "application/pdf", exportType: "simple", connectorId: "threatloom-export" }) { id name } } }`,
      { id: original?.id },
    );
    const [pending] = stixCoreObjectEdit.exportAsk;
    expect((await completed(pending?.id ?? '')).errors).toEqual([]);
    const { report } = await query<{
      report: { exportFiles: { edges: { node: { id: string; name: string } }[] } };
    }>(`query($id: String!) { report(id: $id) { exportFiles { edges { node { id name } } } } }`, {
      id: original?.id,
    });
    const file = report.exportFiles.edges.find((e) => e.node.name === pending?.name)?.node;
    const download = await fetch(`${url()}/storage/get/${file?.id ?? ''}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(download.headers.get('content-type')).toContain('application/pdf');
    const pdf = new Uint8Array(await download.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');

    const { work } = await importFile(
      { name: 'exported.pdf', type: 'application/pdf', body: pdf },
      { bypass: true },
    );
    expect(work.errors).toEqual([]);
    const { reports: both } = await query<{
      reports: { edges: { node: { id: string; name: string } }[] };
    }>(`{ reports(search: "Brine Valve") { edges { node { id name } } } }`);
    const copies = both.edges.filter((e) => e.node.name === 'Operation Brine Valve');
    expect(copies).toHaveLength(2);
    const contents = async (id: string) =>
      (await reportObjects(id)).map((o) => o.observable_value ?? o.name).sort();
    const copy = copies.find((c) => c.node.id !== original?.id)?.node;
    expect(await contents(copy?.id ?? '')).toEqual(await contents(original?.id ?? ''));
  }, 180_000);

  it('stages an HTML page attached to a report in a draft, imported into the report once validated', async () => {
    const { reportAdd } = await query<{ reportAdd: { id: string } }>(
      `mutation { reportAdd(input: { name: "Field notes", published: "2026-11-01T00:00:00.000Z" }) { id } }`,
    );
    const html =
      '<html><body><h1>Field notes</h1><p>Beacon to <b>203.0.113.45</b> every 60 s;' +
      ' see CVE-2021-44228.</p><script>var ignored = "192.0.2.200";</script></body></html>';
    const { fileId, work } = await importFile(
      { name: 'notes.html', type: 'text/html', body: html },
      { entityId: reportAdd.id },
    );
    expect(work.errors).toEqual([]);
    expect(work.messages.map((m) => m.message).join(' ')).toMatch(/→ draft /);
    expect(await reportObjects(reportAdd.id)).toEqual([]);
    const draft = await draftOf(fileId);
    expect(draft?.entity_id).toBe(reportAdd.id);
    // The address, the vulnerability, and the report listing them.
    expect(draft?.objectsCount).toEqual({
      observablesCount: 1,
      entitiesCount: 2,
      containersCount: 1,
    });
    expect((await validate(draft?.id ?? '')).errors).toEqual([]);
    const objects = await reportObjects(reportAdd.id);
    expect(objects.map((o) => o.observable_value ?? o.name).sort()).toEqual(
      ['203.0.113.45', 'CVE-2021-44228'].sort(),
    );
    // A validated draft takes nothing more.
    await expect(
      query(`mutation($id: ID!) { draftWorkspaceValidate(id: $id) { id } }`, { id: draft?.id }),
    ).rejects.toThrow(/validated already/);
  }, 180_000);
});
