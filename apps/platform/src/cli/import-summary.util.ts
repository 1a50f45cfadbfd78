import type { IngestionReport } from '@lib/ingestion';

const n = (value: number) => value.toLocaleString('en-US');

/** A file that failed: its error (naming it), and how many of its objects were read before. */
export type FailedFile = { file: string; error: string; objectsRead: number };

/** The human summary printed after an import: speed, outcomes by type, the rejections. */
export function importSummary(
  report: IngestionReport,
  files: number,
  failedFiles: readonly FailedFile[],
): string {
  const seconds = report.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(report.processed / seconds) : report.processed;
  const lines = [
    `Imported ${n(report.processed)} objects from ${files} file(s) in ${seconds.toFixed(1)} s (${n(rate)} objects/s); work ${report.workId}`,
    '',
    `${'type'.padEnd(32)}${'created'.padStart(10)}${'updated'.padStart(10)}${'unchanged'.padStart(11)}${'rejected'.padStart(10)}`,
  ];
  const types = Object.entries(report.byType).sort(([a], [b]) => a.localeCompare(b));
  for (const [type, c] of types) {
    lines.push(
      `${type.padEnd(32)}${n(c.created).padStart(10)}${n(c.updated).padStart(10)}${n(c.unchanged).padStart(11)}${n(c.rejected).padStart(10)}`,
    );
  }
  lines.push(
    `${'total'.padEnd(32)}${n(report.created).padStart(10)}${n(report.updated).padStart(10)}${n(report.unchanged).padStart(11)}${n(report.rejected).padStart(10)}`,
  );
  if (report.embeddedCreated > 0) {
    lines.push(
      '',
      `Labels, external references and kill chain phases created from embedded values: ${n(report.embeddedCreated)}`,
    );
  }
  if (report.warnings > 0) {
    lines.push(
      `Warnings (stored with a note: unresolved optional references, relationships outside the model…): ${n(report.warnings)}`,
    );
  }
  if (report.rejections.length > 0) {
    lines.push('', `Rejected objects (${n(report.rejected)}):`);
    for (const r of report.rejections.slice(0, 50)) {
      lines.push(
        `  ${r.source ? `${r.source}: ` : ''}#${r.index} ${r.id ?? '(no id)'}${r.field ? ` [${r.field}]` : ''}: ${r.reason}`,
      );
    }
    if (report.rejections.length > 50) {
      lines.push(`  … ${n(report.rejections.length - 50)} more (use --json for all)`);
    }
  }
  for (const failed of failedFiles) {
    lines.push(
      failed.objectsRead === 0
        ? `File not imported: ${failed.error}`
        : `File partly imported: ${failed.error} (its first ${n(failed.objectsRead)} objects were imported)`,
    );
  }
  return lines.join('\n');
}
