import type { LabelView, MarkingView } from './element-view.types';

/** tlp:amber+strict → tlp-amber-strict: the class the stylesheet colours. */
function markingClass(definition: string): string {
  return definition
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function MarkingBadges(props: { markings: readonly MarkingView[] }): JSX.Element {
  if (props.markings.length === 0) return <span class="muted">None</span>;
  return (
    <>
      {props.markings.map((m) => (
        <span class={`badge marking ${markingClass(m.definition)}`} title={m.definition} safe>
          {m.definition}
        </span>
      ))}
    </>
  );
}

export function LabelBadges(props: { labels: readonly LabelView[] }): JSX.Element {
  return (
    <>
      {props.labels.map((l) => (
        <span class="badge" safe>
          {l.value}
        </span>
      ))}
    </>
  );
}
