// The graph's cytoscape stylesheet: a colour per entity type, labels and edges drawn only when
// they are legible (level of detail), colours of text read from the page's theme.
import type { StylesheetJson } from 'cytoscape';
import { themeColor } from '../theme-colors';

// Entity type (or its family prefix) → node colour, readable under white or dark labels.
const TYPE_COLOURS: [string, string][] = [
  ['Intrusion-Set', '#c0392b'],
  ['Threat-Actor', '#8e44ad'],
  ['Campaign', '#d35400'],
  ['Malware', '#e67e22'],
  ['Tool', '#16a085'],
  ['Attack-Pattern', '#2980b9'],
  ['Course-Of-Action', '#27ae60'],
  ['Vulnerability', '#b7950b'],
  ['Indicator', '#7f8c8d'],
  ['Infrastructure', '#5d6d7e'],
  ['Incident', '#a93226'],
  ['Report', '#1f5fbf'],
  ['Grouping', '#2e86c1'],
  ['Case', '#1a5276'],
  ['Note', '#6c3483'],
  ['Opinion', '#6c3483'],
  ['Observed-Data', '#566573'],
  ['Organization', '#117a65'],
  ['Individual', '#148f77'],
  ['Sector', '#0e6655'],
  ['System', '#45b39d'],
  ['Country', '#1e8449'],
  ['Region', '#239b56'],
  ['City', '#28b463'],
  ['Position', '#52be80'],
  ['Administrative-Area', '#229954'],
  ['Event', '#ca6f1e'],
  ['Channel', '#af601a'],
  ['Narrative', '#935116'],
  ['Data-Component', '#2471a3'],
  ['Data-Source', '#1f618d'],
];
const OTHER = '#95a5a6';

export const LABEL_FONT_SIZE = 10;
/** Labels smaller than this on screen (font size × zoom) are not drawn. */
export const MIN_LABEL_SIZE = 8;

/** The colour of an entity type's nodes (observables and unknown types share a grey). */
export function colourOf(type: string): string {
  const found = TYPE_COLOURS.find(([prefix]) => type === prefix || type.startsWith(`${prefix}-`));
  return found ? found[1] : OTHER;
}

/**
 * The stylesheet; `large` graphs draw straight unlabelled edges (haystack) for speed. A node's
 * colour is its `colour` data (`colourOf` its type): one rule for all types, not one per type.
 */
export function graphStyle(large: boolean): StylesheetJson {
  const text = themeColor('--text', '#1b2330');
  const surface = themeColor('--surface', '#ffffff');
  const accent = themeColor('--focus', '#f5a623');
  const edge = themeColor('--muted', '#4f5b6d');
  const labelStyle = {
    label: 'data(label)',
    color: text,
    'font-size': LABEL_FONT_SIZE,
    'text-valign': 'bottom' as const,
    'text-margin-y': 3,
    'text-outline-color': surface,
    'text-outline-width': 2,
    // Level of detail: a label smaller than this on screen is not drawn at all.
    'min-zoomed-font-size': MIN_LABEL_SIZE,
    // Ellipsis measures the text letter by letter: too slow for thousands of labels.
    ...(large ? {} : { 'text-max-width': '120px', 'text-wrap': 'ellipsis' as const }),
  };
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        width: 18,
        height: 18,
        // A large graph labels only the nodes in view once zoomed in (`labelled`, graph-labels.ts):
        // measuring thousands of labels would double the first draw.
        ...(large ? {} : labelStyle),
      },
    },
    ...(large ? [{ selector: 'node.labelled, node.root, node:selected', style: labelStyle }] : []),
    {
      selector: 'node.root',
      style: { width: 28, height: 28, 'border-width': 3, 'border-color': text },
    },
    {
      selector: 'node.expanded',
      style: { 'border-width': 2, 'border-color': edge, 'border-style': 'dashed' },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': accent } },
    { selector: '.filtered', style: { display: 'none' } },
    {
      selector: 'edge',
      style: large
        ? { width: 1, 'line-color': edge, opacity: 0.35, 'curve-style': 'haystack' }
        : {
            width: 1.5,
            'line-color': edge,
            opacity: 0.7,
            'curve-style': 'straight',
            'target-arrow-shape': 'triangle',
            'target-arrow-color': edge,
            'arrow-scale': 0.8,
            label: 'data(label)',
            'font-size': 8,
            color: text,
            'text-rotation': 'autorotate',
            'text-outline-color': surface,
            'text-outline-width': 2,
            'min-zoomed-font-size': 9,
          },
    },
    { selector: 'edge:selected', style: { 'line-color': accent, opacity: 1, width: 3 } },
  ];
}
