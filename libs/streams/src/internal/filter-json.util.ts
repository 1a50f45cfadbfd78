import { z } from 'zod';
import { AppError, FILTER_OPERATORS, emptyFilterGroup } from '@lib/kernel';
import type { FilterGroup } from '@lib/kernel';

const filterSchema = z.object({
  key: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).default([]),
  operator: z.enum(FILTER_OPERATORS).nullish(),
  mode: z.enum(['and', 'or']).nullish(),
});

type FilterGroupJson = {
  mode?: 'and' | 'or' | null;
  filters?: z.infer<typeof filterSchema>[];
  filterGroups?: FilterGroupJson[];
};

const groupSchema: z.ZodType<FilterGroupJson> = z.lazy(() =>
  z.object({
    mode: z.enum(['and', 'or']).nullish(),
    filters: z.array(filterSchema).default([]),
    filterGroups: z.array(groupSchema).default([]),
  }),
);

function normalize(group: FilterGroupJson): FilterGroup {
  return {
    mode: group.mode === 'or' ? 'or' : 'and',
    filters: (group.filters ?? []).map((f) => ({
      key: Array.isArray(f.key) ? f.key : [f.key],
      values: f.values,
      ...(f.operator ? { operator: f.operator } : {}),
      ...(f.mode ? { mode: f.mode } : {}),
    })),
    filterGroups: (group.filterGroups ?? []).map(normalize),
  };
}

/**
 * A stream's `filters` (OpenCTI's FilterGroup as a JSON string) as a FilterGroup; empty or null
 * = no filter. Throws STREAM_INVALID_FILTERS (validation) naming the first problem.
 */
export function parseFilterGroup(text: string | null | undefined): FilterGroup {
  if (text === null || text === undefined || text.trim() === '') return emptyFilterGroup();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidFilters(`filters is not JSON: ${(error as Error).message}`);
  }
  const parsed = groupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw invalidFilters(`filters.${path}: ${issue?.message ?? 'invalid'}`);
  }
  return normalize(parsed.data);
}

function invalidFilters(message: string): AppError {
  return new AppError({ code: 'STREAM_INVALID_FILTERS', category: 'validation', message });
}
