import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A variable holding a JSON array of `item` (inline, or in the file it names), at least one,
 * their `key`s (`name`, or `id`) unique (`what` names a clash: "two feeds have the same name").
 */
export function jsonArrayVariable<T extends z.ZodType<{ name: string } | { id: string }>>(
  item: T,
  what: string,
  key: 'name' | 'id' = 'name',
) {
  return z
    .string()
    .min(1)
    .transform((raw, ctx) => {
      const text = raw.trim().startsWith('[') ? raw : readJsonFile(raw, ctx);
      if (text === undefined) return z.NEVER;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
        });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(item)
        .min(1)
        .refine(
          (items) =>
            new Set(items.map((i) => (i as Record<string, unknown>)[key])).size === items.length,
          { message: `${what} have the same ${key}` },
        ),
    );
}

function readJsonFile(path: string, ctx: z.RefinementCtx): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `neither a JSON array nor a readable file: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
}
