import { formatCount } from './format.util';

/** "1–25 of 1,234" with links to the first and next pages (cursor pagination). */
export function Pager(props: {
  shown: number;
  offset: number;
  total: number;
  firstHref?: string | undefined;
  nextHref?: string | undefined;
}): JSX.Element {
  const from = props.shown === 0 ? 0 : props.offset + 1;
  return (
    <nav class="pager" aria-label="Pages">
      <span
        safe
      >{`${formatCount(from)}–${formatCount(props.offset + props.shown)} of ${formatCount(props.total)}`}</span>
      {props.firstHref ? <a href={props.firstHref}>First page</a> : ''}
      {props.nextHref ? (
        <a href={props.nextHref} rel="next">
          Next page
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}
