import { ElementChanged, NewItems, samePath, sseEvent } from './live-notice';
import { WorksProgress } from './work-status';
import type { WorkView } from './io.types';

const work = (over: Partial<WorkView> = {}): WorkView => ({
  id: 'work_x_2026',
  name: 'Manual import of <b>x</b>.json',
  status: 'progress',
  done: false,
  kind: 'import',
  counts: { expected: 4, processed: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 },
  errors: [],
  messages: [],
  updatedAt: '2026-12-04T10:00:00.000Z',
  ...over,
});

describe('import/export rendering', () => {
  it('polls a running work every 2 s, and stops once every work is done', async () => {
    const running = await WorksProgress({ href: '/data/works/w/status', works: [work()] });
    expect(running).toContain('hx-trigger="every 2s"');
    expect(running).toContain('hx-get="/data/works/w/status"');
    expect(running).toContain('1 of 4 processed');
    // Text escapes `<`; attributes (quoted) escape quotes.
    expect(running.replace(/"[^"]*"/g, '""')).not.toContain('<b>');
    const done = await WorksProgress({
      href: '/data/works/w/status',
      works: [work({ status: 'complete', done: true, draftId: 'd1' })],
    });
    expect(done).not.toContain('hx-trigger');
    expect(done).toContain('data-done="true"');
    expect(done).toContain('href="/data/drafts/d1"');
  });

  it('keeps polling while no work is known yet (the connector has not started)', async () => {
    const html = await WorksProgress({ href: '/s', works: [] });
    expect(html).toContain('hx-trigger="every 2s"');
  });

  it('offers the download of a finished export through the storage route, encoded', async () => {
    const html = await WorksProgress({
      href: '/s',
      works: [
        work({
          kind: 'export',
          status: 'complete',
          done: true,
          download: 'export/Malware/a b#.json',
        }),
      ],
    });
    expect(html).toContain('href="/storage/get/export/Malware/a%20b%23.json"');
  });

  it('links notices back to same-site paths only', () => {
    expect(samePath('/arsenal/malware?search=x', '/d')).toBe('/arsenal/malware?search=x');
    expect(samePath('//evil.example/x', '/d')).toBe('/d');
    expect(samePath('https://evil.example/', '/d')).toBe('/d');
    expect(samePath('/a\\b', '/d')).toBe('/d');
    expect(samePath(['/x'], '/d')).toBe('/d');
  });

  it('writes notices as SSE events, each line of HTML its own data line, names escaped', async () => {
    const html = await ElementChanged({ kind: 'update', by: '<img src=x>', path: '/entity/1' });
    expect(html).not.toContain('<img');
    expect(html).toContain('This element was updated by &lt;img src=x>');
    expect(sseEvent('element-change', 'a\nb')).toBe('event: element-change\ndata: a\ndata: b\n\n');
    expect(await NewItems({ count: 3, path: '/l' })).toContain('3 new items');
  });
});
