import PDFDocument from 'pdfkit';
import type { StoredElement } from '@lib/entity-store';
import type { TargetLookup } from '@lib/stix';
import { label } from './export-formats.util';

/** Lines listed per section, at most (the count says how many there are). The standard PDF
 * fonts write WinAnsi: no arrows or non-Latin scripts (`->` stands for an arrow). */
const MAX_LINES = 2000;

const TLP_COLORS: Readonly<Record<string, string>> = {
  'TLP:RED': '#c0392b',
  'TLP:AMBER': '#d68910',
  'TLP:AMBER+STRICT': '#d68910',
  'TLP:GREEN': '#1e8449',
  'TLP:CLEAR': '#555555',
  'TLP:WHITE': '#555555',
};

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** A line about an element: its label, with its ATT&CK id when it has one. */
function line(element: StoredElement): string {
  const mitre = str(element.attributes.x_mitre_id);
  return mitre
    ? `${label(element, element.internalId)} (${mitre})`
    : label(element, element.internalId);
}

/**
 * A PDF report of an export: per root element, its title, type, author, dates, markings (also
 * as a banner on every page), labels and description; then what a container holds and the
 * relationships the export took, grouped by type. `elements` is everything exported, `lookup`
 * names references.
 */
export async function pdfReport(
  roots: readonly StoredElement[],
  elements: readonly StoredElement[],
  lookup: TargetLookup,
  title: string,
): Promise<Buffer> {
  const byId = new Map(elements.map((e) => [e.internalId, e]));
  const names = (e: StoredElement, ref: string) =>
    (e.refs[ref] ?? []).map((id) => label(byId.get(id) ?? lookup(id), id));
  const markings = [...new Set(roots.flatMap((r) => names(r, 'object-marking')))];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { Title: title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const heading = (text: string, size: number) => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('#000000').text(text);
    doc.font('Helvetica').fontSize(10);
  };
  const field = (name: string, value: string | undefined) => {
    if (!value) return;
    doc.font('Helvetica-Bold').text(`${name}: `, { continued: true });
    doc.font('Helvetica').text(value);
  };
  const bullets = (items: readonly string[]) => {
    items.slice(0, MAX_LINES).forEach((item) => doc.text(`•  ${item}`, { indent: 8 }));
    if (items.length > MAX_LINES) doc.text(`…and ${items.length - MAX_LINES} more`, { indent: 8 });
  };

  doc.font('Helvetica-Bold').fontSize(18).text(title);
  for (const root of roots) {
    const a = root.attributes;
    if (roots.length > 1) heading(label(root, root.internalId), 13);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
    field('Type', root.entityType);
    field('Author', names(root, 'created-by').join(', ') || undefined);
    field('Published', str(a.published));
    field('Created', str(a.created) ?? root.createdAt);
    field('Modified', str(a.modified) ?? root.updatedAt);
    field('Markings', names(root, 'object-marking').join(', ') || undefined);
    field('Labels', names(root, 'object-label').join(', ') || undefined);
    field('Confidence', typeof a.confidence === 'number' ? String(a.confidence) : undefined);
    field('Score', typeof a.x_opencti_score === 'number' ? String(a.x_opencti_score) : undefined);
    field('Pattern', str(a.pattern));
    const description = str(a.description) ?? str(a.x_opencti_description);
    if (description) doc.moveDown(0.4).text(description, { align: 'justify' });

    const listed = (root.refs.object ?? []).flatMap((id) => byId.get(id) ?? []);
    const contents = listed.filter((e) => !e.fromId);
    if (contents.length > 0) {
      heading(`Contents (${contents.length})`, 12);
      const groups = new Map<string, StoredElement[]>();
      contents.forEach((c) => groups.set(c.entityType, [...(groups.get(c.entityType) ?? []), c]));
      for (const [type, members] of [...groups].sort(([x], [y]) => x.localeCompare(y))) {
        doc.moveDown(0.3).font('Helvetica-Bold').text(`${type} (${members.length})`);
        doc.font('Helvetica');
        bullets(members.map(line).sort((x, y) => x.localeCompare(y)));
      }
    }
    // The relationships a container lists, and those of the element itself.
    const relationships = [
      ...new Set([
        ...listed.filter((e) => e.fromId),
        ...elements.filter(
          (e) => e.fromId && (e.fromId === root.internalId || e.toId === root.internalId),
        ),
      ]),
    ];
    if (relationships.length > 0) {
      heading(`Relationships (${relationships.length})`, 12);
      bullets(
        relationships
          .map((r) => {
            const from = label(byId.get(r.fromId ?? '') ?? lookup(r.fromId ?? ''), r.fromId ?? '');
            const to = label(byId.get(r.toId ?? '') ?? lookup(r.toId ?? ''), r.toId ?? '');
            return `${from} — ${str(r.attributes.relationship_type) ?? r.entityType} -> ${to}`;
          })
          .sort((x, y) => x.localeCompare(y)),
      );
    }
  }

  // Every page: the markings as a banner on top, and where the report comes from below.
  const range = doc.bufferedPageRange();
  const exported = `Exported by Threatloom on ${new Date().toISOString()}`;
  for (let page = range.start; page < range.start + range.count; page += 1) {
    doc.switchToPage(page);
    // Writing in the bottom margin would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (markings.length > 0) {
      const color = TLP_COLORS[markings[0] ?? ''] ?? '#000000';
      doc.font('Helvetica-Bold').fontSize(9).fillColor(color);
      doc.text(markings.join('  '), 56, 24, {
        width: doc.page.width - 112,
        align: 'right',
        lineBreak: false,
      });
    }
    doc.font('Helvetica').fontSize(8).fillColor('#777777');
    doc.text(`${exported} · page ${page + 1}/${range.count}`, 56, doc.page.height - 40, {
      width: doc.page.width - 112,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
