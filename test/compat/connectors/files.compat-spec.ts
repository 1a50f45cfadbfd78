import { PYCTI_VENVS } from '../pycti/pycti-runner.util';
import { waitFor } from '../../support/distributed.util';
import {
  registered,
  spawnConnector,
  validateStix,
  uploadGraphql,
  usePlatform,
  workDone,
} from './connector-platform.util';
import type { RunningConnector } from './connector-platform.util';

// pycti's OpenCTIConnectorHelper, unmodified, as an INTERNAL_IMPORT_FILE connector (IPv4 lists in
// text files) and an INTERNAL_EXPORT_FILE connector (STIX bundles rebuilt by pycti): a file
// uploaded for import goes to the import connector by itself, a file attached to a report is
// imported into it, a stored file is imported again on request; an analyst's exportAsk ends with
// the connector's file among the report's exports, downloadable. HTTP callbacks and HTTP pushes
// on the embedded profile, listen and push queues on RabbitMQ on the distributed one.

type FileNode = { id: string; name: string; uploadStatus: string };
type Works = { works: { edges: { node: { id: string; status: string } }[] } };

describe.each([
  ['embedded', 'api'],
  ['distributed', 'amqp'],
] as const)(
  'pycti file import and export connectors on the %s profile (%s mode)',
  (profile, mode) => {
    const platform = usePlatform(profile, `cf${profile.slice(0, 4)}${Date.now().toString(36)}`, {
      THREATLOOM_CONNECTOR_DISCOVERY_S: '1',
    });
    const query = <T>(q: string, v: Record<string, unknown> = {}) => platform.query<T>(q, v);

    /** A connector's works about a file (their `event_source_id`), once there are `count`. */
    const worksOn = (connectorId: string, source: string, count: number) =>
      waitFor(
        `${count} works on ${source}`,
        async () => {
          const { works } = await query<Works>(
            `query($s: [Any!]!, $c: [Any!]!) { works(first: 50, filters: { mode: and, filterGroups: [], filters: [{ key: "event_source_id", values: $s }, { key: "connector_id", values: $c }] }) { edges { node { id status } } } }`,
            { s: [source], c: [connectorId] },
          );
          return works.edges.length >= count ? works.edges.map((e) => e.node) : undefined;
        },
        60_000,
      );

    const observables = async (values: string[]) => {
      const { stixCyberObservables } = await query<{
        stixCyberObservables: { edges: { node: { id: string; observable_value: string } }[] };
      }>(
        `query($v: [Any!]!) { stixCyberObservables(first: 50, filters: { mode: and, filterGroups: [], filters: [{ key: "value", values: $v }] }) { edges { node { id observable_value } } } }`,
        { v: values },
      );
      return stixCyberObservables.edges.map((e) => e.node.observable_value).sort();
    };

    it.each(PYCTI_VENVS.map((venv, i) => [venv, i] as const))(
      'imports uploaded files and exports a report with %s',
      async (venv, index) => {
        const tag = `${venv.replace(/[^a-z0-9]/g, '')}-${mode}`;
        const net = `203.0.113.${index * 20}`.replace(/\.\d+$/, '');
        const ip = (n: number) => `${net}.${index * 20 + n}`;
        const running: RunningConnector[] = [];
        try {
          running.push(
            await spawnConnector(platform, venv, 'internal_import_file.py', mode, {
              CONNECTOR_ID: `import-${tag}`,
              CONNECTOR_NAME: `Import ${tag}`,
              CONNECTOR_SCOPE: 'text/plain',
              CONNECTOR_AUTO: 'true',
            }),
            await spawnConnector(platform, venv, 'internal_export_file.py', mode, {
              CONNECTOR_ID: `export-${tag}`,
              CONNECTOR_NAME: `Export ${tag}`,
              CONNECTOR_SCOPE: 'application/json',
            }),
          );
          await registered(platform, `import-${tag}`);
          await registered(platform, `export-${tag}`);

          // An upload for import goes to the connector with `auto` by itself.
          const global = await uploadGraphql<{ uploadImport: FileNode }>(
            platform,
            `mutation($file: Upload!) { uploadImport(file: $file) { id name } }`,
            {},
            { name: `iocs-${tag}.txt`, type: 'text/plain', body: `${ip(1)}\n${ip(2)}\n` },
          );
          expect(global.uploadImport.id).toBe(`import/global/iocs-${tag}.txt`);
          const [auto] = await worksOn(`import-${tag}`, global.uploadImport.id, 1);
          const autoWork = await workDone(platform, auto?.id ?? '');
          expect(autoWork.errors).toEqual([]);
          expect(await observables([ip(1), ip(2)])).toEqual([ip(1), ip(2)].sort());

          // A file attached to a report is imported into it.
          const { reportAdd } = await query<{ reportAdd: { id: string } }>(
            `mutation($n: String!) { reportAdd(input: { name: $n, published: "2024-05-01T00:00:00.000Z" }) { id } }`,
            { n: `Report ${tag}` },
          );
          const attached = await uploadGraphql<{
            stixDomainObjectEdit: { importPush: FileNode };
          }>(
            platform,
            `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file) { id name } } }`,
            { id: reportAdd.id },
            { name: 'more.txt', type: 'text/plain', body: `${ip(3)}\n` },
          );
          const [contextual] = await worksOn(
            `import-${tag}`,
            attached.stixDomainObjectEdit.importPush.id,
            1,
          );
          expect((await workDone(platform, contextual?.id ?? '')).errors).toEqual([]);
          const { report } = await query<{
            report: { objects: { edges: { node: { observable_value?: string } }[] } };
          }>(
            `query($id: String!) { report(id: $id) { objects(all: true) { edges { node { ... on StixCyberObservable { observable_value } } } } } }`,
            { id: reportAdd.id },
          );
          expect(report.objects.edges.map((e) => e.node.observable_value)).toContain(ip(3));

          // A stored file imported again on request: a second work on it.
          await query(
            `mutation($f: ID!, $c: String) { askJobImport(fileName: $f, connectorId: $c) { id } }`,
            {
              f: global.uploadImport.id,
              c: `import-${tag}`,
            },
          );
          const again = await worksOn(`import-${tag}`, global.uploadImport.id, 2);
          for (const work of again) expect((await workDone(platform, work.id)).errors).toEqual([]);

          // Imported for review: pycti makes a draft (draftWorkspaceAdd) and pushes into it;
          // nothing reaches the graph until the draft is validated.
          const held = await uploadGraphql<{ uploadImport: FileNode }>(
            platform,
            `mutation($file: Upload!) { uploadImport(file: $file, noTriggerImport: true) { id name } }`,
            {},
            { name: `review-${tag}.txt`, type: 'text/plain', body: `${ip(4)}\n` },
          );
          await query(
            `mutation($f: ID!, $c: String) { askJobImport(fileName: $f, connectorId: $c, validationMode: "draft", forceValidation: true) { id } }`,
            { f: held.uploadImport.id, c: `import-${tag}` },
          );
          const [drafted] = await worksOn(`import-${tag}`, held.uploadImport.id, 1);
          expect((await workDone(platform, drafted?.id ?? '')).errors).toEqual([]);
          expect(await observables([ip(4)])).toEqual([]);
          const { draftWorkspaces } = await query<{
            draftWorkspaces: {
              edges: {
                node: {
                  id: string;
                  name: string;
                  draft_status: string;
                  objectsCount: { totalCount: number; observablesCount: number };
                  bundle: string;
                };
              }[];
            };
          }>(
            `query($s: String) { draftWorkspaces(search: $s) { edges { node { id name draft_status objectsCount { totalCount observablesCount } bundle } } } }`,
            { s: held.uploadImport.id },
          );
          const draft = draftWorkspaces.edges[0]?.node;
          expect(draft).toMatchObject({
            name: held.uploadImport.id,
            draft_status: 'open',
            objectsCount: { totalCount: 1, observablesCount: 1 },
          });
          const staged = JSON.parse(draft?.bundle ?? '{}') as { objects: { value?: string }[] };
          expect(staged.objects.map((o) => o.value)).toEqual([ip(4)]);
          const { draftWorkspaceValidate } = await query<{
            draftWorkspaceValidate: { id: string };
          }>(`mutation($id: ID!) { draftWorkspaceValidate(id: $id) { id } }`, { id: draft?.id });
          expect((await workDone(platform, draftWorkspaceValidate.id)).errors).toEqual([]);
          expect(await observables([ip(4)])).toEqual([ip(4)]);

          // An export asked by an analyst: in progress, then the connector's file.
          const { stixCoreObjectEdit } = await query<{
            stixCoreObjectEdit: { exportAsk: FileNode[] };
          }>(
            `mutation($id: ID!, $c: String!) { stixCoreObjectEdit(id: $id) { exportAsk(input: { format: "application/json", exportType: "full", connectorId: $c }) { id name uploadStatus } } }`,
            { id: reportAdd.id, c: `export-${tag}` },
          );
          expect(stixCoreObjectEdit.exportAsk).toHaveLength(1);
          const [pending] = stixCoreObjectEdit.exportAsk;
          expect(pending?.uploadStatus).toBe('progress');
          expect((await workDone(platform, pending?.id ?? '')).errors).toEqual([]);
          const { report: exported } = await query<{
            report: { standard_id: string; exportFiles: { edges: { node: FileNode }[] } };
          }>(
            `query($id: String!) { report(id: $id) { standard_id exportFiles { edges { node { id name uploadStatus } } } } }`,
            { id: reportAdd.id },
          );
          const files = exported.exportFiles.edges.map((e) => e.node);
          expect(files).toEqual([
            expect.objectContaining({ name: pending?.name, uploadStatus: 'complete' }),
          ]);
          const download = await fetch(`${platform.url}/storage/get/${files[0]?.id ?? ''}`, {
            headers: { authorization: `Bearer ${platform.token}` },
          });
          expect(download.status).toBe(200);
          const text = await download.text();
          expect(await validateStix(venv, text)).toEqual({ valid: true, errors: [] });
          const bundle = JSON.parse(text) as {
            type: string;
            objects: { id: string; type: string; value?: string; object_refs?: string[] }[];
          };
          expect(bundle.type).toBe('bundle');
          const reportStix = bundle.objects.find((o) => o.id === exported.standard_id);
          expect(reportStix?.object_refs?.length).toBeGreaterThan(0);
          // Full mode: the report's objects come along.
          expect(
            bundle.objects.filter((o) => o.type === 'ipv4-addr').map((o) => o.value),
          ).toContain(ip(3));

          // The built-in export connector's bundle of the same report passes the validator too.
          const { stixCoreObjectEdit: builtIn } = await query<{
            stixCoreObjectEdit: { exportAsk: FileNode[] };
          }>(
            `mutation($id: ID!) { stixCoreObjectEdit(id: $id) { exportAsk(input: { format: "application/json", exportType: "full", connectorId: "threatloom-export" }) { id name } } }`,
            { id: reportAdd.id },
          );
          const ours = builtIn.exportAsk[0];
          expect((await workDone(platform, ours?.id ?? '')).errors).toEqual([]);
          const { report: withBoth } = await query<{
            report: { exportFiles: { edges: { node: FileNode }[] } };
          }>(
            `query($id: String!) { report(id: $id) { exportFiles { edges { node { id name } } } } }`,
            { id: reportAdd.id },
          );
          const ourFile = withBoth.exportFiles.edges.find((e) => e.node.name === ours?.name);
          const ourText = await (
            await fetch(`${platform.url}/storage/get/${ourFile?.node.id ?? ''}`, {
              headers: { authorization: `Bearer ${platform.token}` },
            })
          ).text();
          expect(await validateStix(venv, ourText)).toEqual({ valid: true, errors: [] });

          // A list export (the observables a search finds, full) passes the validator too.
          const { stixCoreObjectsExportAsk } = await query<{
            stixCoreObjectsExportAsk: FileNode[];
          }>(
            `mutation($s: String) { stixCoreObjectsExportAsk(input: { format: "application/json", exportType: "full", connectorId: "threatloom-export", exportContext: { entity_type: "Stix-Cyber-Observable" }, search: $s }) { id name } }`,
            { s: net },
          );
          const listed = stixCoreObjectsExportAsk[0];
          expect((await workDone(platform, listed?.id ?? '')).errors).toEqual([]);
          const { stixCoreObjectsExportFiles } = await query<{
            stixCoreObjectsExportFiles: { edges: { node: FileNode }[] };
          }>(
            `{ stixCoreObjectsExportFiles(exportContext: { entity_type: "Stix-Cyber-Observable" }) { edges { node { id name } } } }`,
          );
          const listFile = stixCoreObjectsExportFiles.edges.find(
            (e) => e.node.name === listed?.name,
          );
          const listText = await (
            await fetch(`${platform.url}/storage/get/${listFile?.node.id ?? ''}`, {
              headers: { authorization: `Bearer ${platform.token}` },
            })
          ).text();
          expect(await validateStix(venv, listText)).toEqual({ valid: true, errors: [] });
          const values = (JSON.parse(listText) as { objects: { value?: string }[] }).objects.map(
            (o) => o.value,
          );
          expect(values).toEqual(expect.arrayContaining([ip(1), ip(2), ip(3), ip(4)]));
        } catch (error) {
          const stderr = running.map((c) => c.stderr()).join('\n---\n');
          // The stack too: it names the step that failed.
          const failure = error instanceof Error ? (error.stack ?? String(error)) : String(error);
          throw new Error(`${failure}\nconnectors' stderr:\n${stderr}`);
        } finally {
          running.forEach((c) => c.stop());
        }
      },
      300_000,
    );
  },
);
