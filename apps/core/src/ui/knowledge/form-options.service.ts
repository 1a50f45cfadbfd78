import { Inject, Injectable } from '@nestjs/common';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { labelOf } from './element-rows.service';

export type Choice = { id: string; label: string };

const MAX_CHOICES = 500;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label);

/**
 * The choices of the knowledge forms, read under the user's access: the markings he may put on
 * content (those he holds), the labels, and the identities that can author content.
 */
@Injectable()
export class FormOptions {
  constructor(@Inject(SearchIndex) private readonly index: SearchIndex) {}

  async markings(ctx: AccessContext): Promise<Choice[]> {
    const page = await this.index.search(ctx, {
      types: ['Marking-Definition'],
      first: MAX_CHOICES,
    });
    const allowed = ctx.allowedMarkings;
    return page.items
      .filter((m) => allowed === 'all' || allowed.has(m.internalId))
      .map((m) => ({ id: m.internalId, label: str(m.attributes.definition) ?? m.standardId }))
      .sort(byLabel);
  }

  async labels(ctx: AccessContext): Promise<Choice[]> {
    const page = await this.index.search(ctx, { types: ['Label'], first: MAX_CHOICES });
    return page.items
      .map((l) => ({ id: l.internalId, label: str(l.attributes.value) ?? l.standardId }))
      .sort(byLabel);
  }

  async authors(ctx: AccessContext): Promise<Choice[]> {
    const page = await this.index.search(ctx, {
      types: ['Organization', 'Individual', 'System', 'Sector'],
      first: MAX_CHOICES,
    });
    return page.items.map((i) => ({ id: i.internalId, label: labelOf(i) })).sort(byLabel);
  }

  async all(ctx: AccessContext): Promise<FormChoices> {
    const [markings, labels, authors] = await Promise.all([
      this.markings(ctx),
      this.labels(ctx),
      this.authors(ctx),
    ]);
    return { markings, labels, authors };
  }
}

export type FormChoices = { markings: Choice[]; labels: Choice[]; authors: Choice[] };
