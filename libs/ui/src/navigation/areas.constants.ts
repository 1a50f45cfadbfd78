// The analyst's areas and their lists, in the side navigation's order. Each list shows the
// entity types named (abstract types match their descendants), through the same search the
// GraphQL lists use.

export type ListDefinition = {
  /** URL segment under the area: /<area>/<slug>. */
  readonly slug: string;
  readonly label: string;
  readonly types: readonly string[];
};

export type AreaDefinition = {
  readonly slug: string;
  readonly label: string;
  readonly lists: readonly ListDefinition[];
};

const list = (slug: string, label: string, ...types: string[]): ListDefinition => ({
  slug,
  label,
  types,
});

export const AREAS: readonly AreaDefinition[] = [
  {
    slug: 'analyses',
    label: 'Analyses',
    lists: [
      list('reports', 'Reports', 'Report'),
      list('groupings', 'Groupings', 'Grouping'),
      list('notes', 'Notes', 'Note'),
      list('opinions', 'Opinions', 'Opinion'),
      list('malware-analyses', 'Malware analyses', 'Malware-Analysis'),
    ],
  },
  {
    slug: 'cases',
    label: 'Cases',
    lists: [
      list('incidents', 'Incident responses', 'Case-Incident'),
      list('rfis', 'Requests for information', 'Case-Rfi'),
      list('rfts', 'Requests for takedown', 'Case-Rft'),
      list('tasks', 'Tasks', 'Task'),
    ],
  },
  {
    slug: 'events',
    label: 'Events',
    lists: [
      list('incidents', 'Incidents', 'Incident'),
      list('observed-data', 'Observed data', 'Observed-Data'),
    ],
  },
  {
    slug: 'observations',
    label: 'Observations',
    lists: [
      list('observables', 'Observables', 'Stix-Cyber-Observable'),
      list('indicators', 'Indicators', 'Indicator'),
      list('infrastructures', 'Infrastructures', 'Infrastructure'),
    ],
  },
  {
    slug: 'threats',
    label: 'Threats',
    lists: [
      list('threat-actors', 'Threat actors', 'Threat-Actor-Group', 'Threat-Actor-Individual'),
      list('intrusion-sets', 'Intrusion sets', 'Intrusion-Set'),
      list('campaigns', 'Campaigns', 'Campaign'),
    ],
  },
  {
    slug: 'arsenal',
    label: 'Arsenal',
    lists: [
      list('malware', 'Malware', 'Malware'),
      list('channels', 'Channels', 'Channel'),
      list('tools', 'Tools', 'Tool'),
      list('vulnerabilities', 'Vulnerabilities', 'Vulnerability'),
    ],
  },
  {
    slug: 'techniques',
    label: 'Techniques',
    lists: [
      list('attack-patterns', 'Attack patterns', 'Attack-Pattern'),
      list('narratives', 'Narratives', 'Narrative'),
      list('courses-of-action', 'Courses of action', 'Course-Of-Action'),
      list('data-components', 'Data components', 'Data-Component'),
      list('data-sources', 'Data sources', 'Data-Source'),
    ],
  },
  {
    slug: 'entities',
    label: 'Entities',
    lists: [
      list('sectors', 'Sectors', 'Sector'),
      list('events', 'Events', 'Event'),
      list('organizations', 'Organizations', 'Organization'),
      list('systems', 'Systems', 'System'),
      list('individuals', 'Individuals', 'Individual'),
    ],
  },
  {
    slug: 'locations',
    label: 'Locations',
    lists: [
      list('regions', 'Regions', 'Region'),
      list('countries', 'Countries', 'Country'),
      list('administrative-areas', 'Administrative areas', 'Administrative-Area'),
      list('cities', 'Cities', 'City'),
      list('positions', 'Positions', 'Position'),
    ],
  },
];

export function findList(
  area: string,
  slug: string,
): { area: AreaDefinition; list: ListDefinition } | undefined {
  const found = AREAS.find((a) => a.slug === area);
  const entry = found?.lists.find((l) => l.slug === slug);
  return found && entry ? { area: found, list: entry } : undefined;
}
