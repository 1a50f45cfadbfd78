import type { IngestionReport } from '@lib/ingestion';
import { importSummary } from './import-summary.util';

describe(importSummary.name, () => {
  const report: IngestionReport = {
    workId: 'work_cli',
    expected: 12_000,
    processed: 12_000,
    created: 11_990,
    updated: 0,
    unchanged: 0,
    rejected: 10,
    byType: { Indicator: { created: 11_990, updated: 0, unchanged: 0, rejected: 10 } },
    rejections: [],
    warnings: 0,
    embeddedCreated: 0,
    durationMs: 2000,
  };

  it('reports the rate, the counts by type and the total', () => {
    const lines = importSummary(report, 2, []).split('\n');
    expect(lines[0]).toBe(
      'Imported 12,000 objects from 2 file(s) in 2.0 s (6,000 objects/s); work work_cli',
    );
    expect(lines).toContainEqual(expect.stringMatching(/^Indicator\s+11,990\s+0\s+0\s+10$/));
    expect(lines).toContainEqual(expect.stringMatching(/^total\s+11,990\s+0\s+0\s+10$/));
  });

  it('tells a file not imported from a file imported up to its failure', () => {
    const summary = importSummary(report, 2, [
      { file: 'a.json', error: 'a.json: not a valid STIX bundle: truncated', objectsRead: 0 },
      { file: 'b.json', error: 'b.json: objects[7000] is not valid JSON', objectsRead: 5000 },
    ]);
    expect(summary).toContain('File not imported: a.json: not a valid STIX bundle: truncated');
    expect(summary).toContain(
      'File partly imported: b.json: objects[7000] is not valid JSON (its first 5,000 objects were imported)',
    );
  });
});
