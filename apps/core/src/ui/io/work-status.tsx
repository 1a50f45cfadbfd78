import { formatCount } from '@lib/ui';
import type { WorkView } from './io.types';

const STATUS_LABELS: Record<string, string> = {
  wait: 'Waiting for the connector',
  progress: 'In progress',
  complete: 'Done',
  timeout: 'Timed out',
};

const downloadHref = (fileId: string) =>
  `/storage/get/${fileId.split('/').map(encodeURIComponent).join('/')}`;

/** One work: status, progress, outcome counts, errors, and what comes next (draft, download). */
export function WorkCard(props: { work: WorkView }): JSX.Element {
  const { work } = props;
  const { counts } = work;
  const statusLabel = STATUS_LABELS[work.status] ?? work.status;
  const expected = Math.max(counts.expected, counts.processed);
  const progressLabel = expected > 0 ? `${counts.processed} of ${expected} processed` : '';
  return (
    <article
      class={`card work work-${work.status}`}
      data-work-id={work.id}
      data-status={work.status}
    >
      <h3 safe>{work.name}</h3>
      <p class="work-status">
        <span class={`badge status-${work.status}`} safe>
          {statusLabel}
        </span>{' '}
        <span class="muted" safe>
          {progressLabel}
        </span>
      </p>
      {work.done ? (
        ''
      ) : (
        <progress
          max={String(expected || 1)}
          value={expected > 0 ? String(counts.processed) : undefined}
          aria-label={`Progress of ${work.name}`}
        ></progress>
      )}
      {work.kind === 'import' && counts.processed > 0 ? (
        <dl class="props work-counts">
          <dt>Created</dt>
          <dd safe>{formatCount(counts.created)}</dd>
          <dt>Updated</dt>
          <dd safe>{formatCount(counts.updated)}</dd>
          <dt>Unchanged</dt>
          <dd safe>{formatCount(counts.unchanged)}</dd>
          <dt>Rejected</dt>
          <dd safe>{formatCount(counts.rejected)}</dd>
        </dl>
      ) : (
        ''
      )}
      {work.messages.length > 0 ? (
        <ul class="work-messages">
          {work.messages.slice(-3).map((m) => (
            <li safe>{m}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {work.errors.length > 0 ? (
        <div class="notice error" role="alert">
          <p safe>{`${work.errors.length} error(s):`}</p>
          <ul>
            {work.errors.slice(0, 5).map((m) => (
              <li safe>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <WorkNext work={work} />
    </article>
  );
}

function WorkNext(props: { work: WorkView }): JSX.Element {
  const { work } = props;
  if (work.draftId) {
    return (
      <p>
        <a class="button primary" href={`/data/drafts/${encodeURIComponent(work.draftId)}`}>
          Review the draft
        </a>
      </p>
    );
  }
  if (work.kind === 'export' && work.done) {
    return work.download ? (
      <p>
        <a class="button primary" href={downloadHref(work.download)} download="" hx-boost="false">
          Download the export
        </a>
      </p>
    ) : (
      <p class="notice error">The exported file is not available.</p>
    );
  }
  return <></>;
}

/**
 * Works followed while they run: the fragment polls itself (every 2 s) and stops once every work
 * is done. `href` is the fragment's own URL.
 */
export function WorksProgress(props: { href: string; works: readonly WorkView[] }): JSX.Element {
  const running = props.works.length === 0 || props.works.some((w) => !w.done);
  return (
    <div
      class="works-progress"
      id="works-progress"
      aria-live="polite"
      data-done={running ? 'false' : 'true'}
      hx-get={running ? props.href : undefined}
      hx-trigger={running ? 'every 2s' : undefined}
      hx-swap={running ? 'outerHTML' : undefined}
    >
      {running ? (
        <p class="muted">This view updates every 2 seconds until the work is done.</p>
      ) : (
        ''
      )}
      {props.works.length === 0 ? <p class="muted">Waiting for the connector to start…</p> : ''}
      {props.works.map((w) => (
        <WorkCard work={w} />
      ))}
    </div>
  );
}
