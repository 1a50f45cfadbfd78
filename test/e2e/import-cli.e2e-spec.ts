import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHARED_DATA,
  assertBuilt,
  cliEnv,
  elementsPerId,
  readBundleObjects,
  runCli,
  sqlite,
  startCli,
} from '../support/cli.util';
import { bundleDamagedAfter } from '../support/large-bundle.util';

describe('threatloom import (CLI)', () => {
  let dir: string;
  beforeAll(() => assertBuilt());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a directory, prints the summary, and finds everything unchanged the second time', () => {
    const examples = join(SHARED_DATA, 'oasis-cti-documentation-examples');
    const first = runCli(['import', examples], cliEnv(join(dir, 'data')));
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.stdout).toMatch(/Imported \d+ objects from 9 file\(s\)/);
    expect(first.stdout).toMatch(/^indicator\s+\d+/m);
    const second = runCli(['import', '--json', examples], cliEnv(join(dir, 'data')));
    expect(second.status).toBe(0);
    const report = JSON.parse(second.stdout) as {
      created: number;
      updated: number;
      unchanged: number;
      rejected: number;
      processed: number;
    };
    expect(report.created + report.updated + report.rejected).toBe(0);
    expect(report.unchanged).toBe(report.processed);
  });

  it('names a bad file, imports the good ones, and exits non-zero', async () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"type": "bundle", "objects": [');
    const good = join(
      SHARED_DATA,
      'oasis-cti-documentation-examples',
      'indicator-for-malicious-url.json',
    );
    const result = runCli(['import', bad, good], cliEnv(join(dir, 'data')));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`File not imported: ${bad}: not a valid STIX bundle`);
    const ids = readBundleObjects(good).map((o) => o.id);
    const found = await elementsPerId(join(dir, 'data'), ids);
    expect([...found.values()].every((elements) => elements.length === 1)).toBe(true);
  });

  it('imports a large file part by part: a bad object late in it keeps the parts read before', () => {
    // 12,000 indicators (about 4 MB), then an object that is not JSON: the file is read in parts of
    // 2,000 objects handed to the import as they are read, so those before the bad one are kept.
    const bad = join(dir, 'large.json');
    writeFileSync(bad, bundleDamagedAfter(12_000));

    const result = runCli(['import', '--json', bad], cliEnv(join(dir, 'data')));

    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as {
      created: number;
      failedFiles: { file: string; error: string; objectsRead: number }[];
    };
    expect(report.failedFiles).toEqual([
      {
        file: bad,
        error: expect.stringContaining(
          `${bad}: not a valid STIX bundle: objects[12000] is not valid JSON (`,
        ) as string,
        objectsRead: expect.any(Number) as number,
      },
    ]);
    const read = report.failedFiles[0]?.objectsRead ?? 0;
    expect(read).toBeGreaterThanOrEqual(2000);
    expect(read).toBeLessThan(12_000);
    expect(report.created).toBe(read);
    const stored = sqlite<{ n: number }>(
      join(dir, 'data'),
      "SELECT count(*) AS n FROM elements WHERE entity_type = 'Indicator'",
    );
    expect(stored[0]?.n).toBe(read);
  });

  it('exits non-zero on a missing path, with the path in the message', () => {
    const result = runCli(['import', join(dir, 'nope.json')], cliEnv(join(dir, 'data')));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nope.json: no such file or directory');
  });

  it('survives SIGKILL in the middle of a large import: after a restart every object is there exactly once', async () => {
    const file = join(SHARED_DATA, 'mitre-attack', 'mobile-attack-18.1.json');
    const env = cliEnv(join(dir, 'data'), { THREATLOOM_INGESTION_BATCH_SIZE: '25' });
    const child = startCli(['import', file], env);
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const progress = /progress (\d+)\//.exec(
          seen
            .split('\n')
            .filter((l) => l.startsWith('progress'))
            .pop() ?? '',
        );
        if (progress && Number(progress[1]) >= 300) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL'
          ? resolve()
          : reject(new Error(`import ended before the kill: ${code} ${seen}`)),
      );
    });
    const partial =
      sqlite<{ n: number }>(
        join(dir, 'data'),
        "SELECT count(*) AS n FROM elements WHERE entity_type = 'uses'",
      )[0]?.n ?? 0;
    const objects = readBundleObjects(file);
    expect(partial).toBeLessThan(objects.filter((o) => o.type === 'relationship').length);
    const rerun = runCli(['import', '--json', file], env);
    expect(rerun.status).toBe(0);
    const perId = await elementsPerId(
      join(dir, 'data'),
      objects.map((o) => o.id),
    );
    expect([...perId.entries()].filter(([, seqs]) => seqs.length !== 1)).toEqual([]);
    const duplicates = sqlite<{ n: number }>(
      join(dir, 'data'),
      'SELECT count(*) AS n FROM (SELECT standard_id FROM elements GROUP BY standard_id HAVING count(*) > 1)',
    );
    expect(duplicates[0]?.n).toBe(0);
    const doubleCreates = sqlite<{ n: number }>(
      join(dir, 'data'),
      "SELECT count(*) AS n FROM (SELECT json_extract(body, '$.elementId') AS element FROM stream_events WHERE json_extract(body, '$.type') = 'create' GROUP BY element HAVING count(*) > 1)",
    );
    expect(doubleCreates[0]?.n).toBe(0);
  });
});
