/** Same-site path of the page the notice links back to (`/x?y`), or the fallback. */
export function samePath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : fallback;
}

const liveHref = (base: string, params: [string, string][]) =>
  `${base}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

/**
 * An element page's live notice: one EventSource (htmx SSE) on /data/live/element/<id>; an
 * update or delete of the element shows "updated by X — reload" here, nothing else moves.
 */
export function LiveElementNotice(props: { elementId: string; path: string }): JSX.Element {
  return (
    <div
      class="live-notice"
      id="live-notice"
      role="status"
      aria-live="polite"
      hx-ext="sse"
      sse-connect={liveHref(`/data/live/element/${encodeURIComponent(props.elementId)}`, [
        ['path', props.path],
      ])}
      sse-swap="element-change"
    ></div>
  );
}

/** A list page's live notice: "N new items — refresh" as matching elements are created. */
export function LiveListNotice(props: { types: readonly string[]; path: string }): JSX.Element {
  return (
    <div
      class="live-notice"
      id="live-notice"
      role="status"
      aria-live="polite"
      hx-ext="sse"
      sse-connect={liveHref('/data/live/list', [
        ...props.types.map((t): [string, string] => ['types', t]),
        ['path', props.path],
      ])}
      sse-swap="new-items"
    ></div>
  );
}

/** What an element page's notice says when its element changed. */
export function ElementChanged(props: {
  kind: 'update' | 'delete';
  by: string;
  path: string;
}): JSX.Element {
  const text =
    props.kind === 'delete'
      ? `This element was deleted by ${props.by}.`
      : `This element was updated by ${props.by}.`;
  return (
    <p class="notice live">
      <span safe>{text}</span>{' '}
      {props.kind === 'update' ? (
        <a href={props.path} class="live-reload">
          Reload
        </a>
      ) : (
        <a href="/dashboard">Back to the dashboard</a>
      )}
    </p>
  );
}

/** What a list page's notice says when elements of its types were created. */
export function NewItems(props: { count: number; path: string }): JSX.Element {
  const text = props.count === 1 ? '1 new item' : `${props.count} new items`;
  return (
    <p class="notice live">
      <span safe>{text}</span>{' '}
      <a href={props.path} class="live-reload">
        Refresh
      </a>
    </p>
  );
}

/** An SSE event carrying HTML (htmx's SSE extension swaps it), one `data:` line per line. */
export const sseEvent = (event: string, html: string): string =>
  `event: ${event}\n${html
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
