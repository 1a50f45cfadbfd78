import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cache, LockTimeoutError } from '@lib/cache';
import { RETENTION_CONFIG } from '@lib/config';
import type { RetentionConfig } from '@lib/config';
import { KnowledgeDeleteService } from '@lib/knowledge';
import { AppError } from '@lib/kernel';
import { PARTICIPATE_TO, SETTINGS_TYPE, USER_TYPE, systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import type { CountQuery } from '@lib/search-index';
import { KnowledgeReadService } from '../graphql/knowledge/read/knowledge-read.service';
import { retentionCutoff } from './retention-cutoff.util';
import { retentionFilters } from './retention-filters.util';
import { RetentionRulesService } from './retention-rules.service';
import type { RetentionRule, RetentionRuleInput, RetentionRunResult } from './retention-rule.types';

const LOCK_KEY = 'retention:knowledge';
const FIRST_RUN_MS = 20_000;
// Deleted per page, and pages per rule and run: a huge backlog drains over several runs
// instead of holding the lock (and the store) for hours.
const BATCH = 100;
const MAX_PAGES = 50;
// Users and settings read to find the organizations no rule may delete.
const MAX_ACCESS_ELEMENTS = 5000;
// Knowledge only: STIX core objects and their relationships; never markings, labels, users,
// settings or other internal elements (their types are not under these).
const KNOWLEDGE_TYPES = [
  'Stix-Core-Object',
  'stix-core-relationship',
  'stix-sighting-relationship',
];

/**
 * Runs the retention rules: shortly after start, then every THREATLOOM_RETENTION_INTERVAL_S,
 * on one replica at a time (cache lock; the others skip). Deletes go through the knowledge delete
 * path as the system user, so events, history and the audit log show them as any delete.
 */
@Injectable()
export class RetentionJobService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionJobService.name);
  private readonly system = systemContext('retention');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(RetentionRulesService) private readonly rules: RetentionRulesService,
    @Inject(KnowledgeReadService) private readonly reads: KnowledgeReadService,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(KnowledgeDeleteService) private readonly deletes: KnowledgeDeleteService,
    @Inject(Cache) private readonly cache: Cache,
    @Inject(RETENTION_CONFIG) private readonly config: RetentionConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.intervalMs;
    if (every === 0) return;
    const tick = () => void this.run().catch((e: unknown) => this.logger.warn(String(e)));
    this.timers = [setTimeout(tick, Math.min(FIRST_RUN_MS, every)), setInterval(tick, every)];
    this.timers.forEach((t) => t.unref());
  }

  onApplicationShutdown(): void {
    this.timers.forEach((t) => clearTimeout(t));
  }

  /** One round over every rule, unless another replica runs one (then []). */
  async run(now = new Date()): Promise<RetentionRunResult[]> {
    try {
      return await this.cache.withLock([LOCK_KEY], () => this.runAll(now), {
        ttlMs: 30 * 60 * 1000,
        waitMs: 0,
      });
    } catch (error) {
      if (error instanceof LockTimeoutError) return [];
      throw error;
    }
  }

  /** How many objects the rule `input` would delete at `now` (a dry run; nothing stored). */
  async check(input: RetentionRuleInput, now = new Date()): Promise<number> {
    return this.index.count(this.system, await this.selection(this.rules.draft(input), now));
  }

  private async runAll(now: Date): Promise<RetentionRunResult[]> {
    const results: RetentionRunResult[] = [];
    for (const rule of await this.rules.list()) {
      try {
        const result = await this.runRule(rule, now);
        await this.rules.recordRun(result, now);
        results.push(result);
        if (result.deleted > 0) {
          this.logger.log(`Retention rule ${rule.name}: ${result.deleted} deleted`);
        }
      } catch (error) {
        // One failing rule (filters no longer valid, store hiccup) leaves the others to run.
        this.logger.warn(`Retention rule ${rule.name} (${rule.id}) failed: ${String(error)}`);
      }
    }
    return results;
  }

  private async runRule(rule: RetentionRule, now: Date): Promise<RetentionRunResult> {
    const query = await this.selection(rule, now);
    let deleted = 0;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const { items } = await this.index.search(this.system, { ...query, first: BATCH });
      if (items.length === 0) break;
      for (const element of items) {
        if (await this.deleteOne(element.internalId)) deleted += 1;
      }
    }
    const remaining = await this.index.count(this.system, query);
    return { ruleId: rule.id, deleted, remaining };
  }

  // False when already gone (a relationship deleted with one of its ends earlier in the page).
  private async deleteOne(id: string): Promise<boolean> {
    try {
      await this.deletes.delete(this.system, id);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.category === 'not_found') return false;
      throw error;
    }
  }

  private async selection(rule: RetentionRule, now: Date): Promise<CountQuery> {
    const cutoff = retentionCutoff(rule.maxRetention, rule.unit, now);
    const filters = await this.reads.queryFilters(this.system, { filters: rule.filterGroup });
    const kept = await this.accessIdentities();
    return { types: KNOWLEDGE_TYPES, filters: retentionFilters(filters, cutoff, kept) };
  }

  // The organizations the access model stands on (users' organizations, the platform's): knowledge
  // by type, but deleting one would change who sees what, so no rule ever selects them.
  private async accessIdentities(): Promise<string[]> {
    const { items } = await this.index.search(this.system, {
      types: [USER_TYPE, SETTINGS_TYPE],
      first: MAX_ACCESS_ELEMENTS,
    });
    const ids = items.flatMap((e) => {
      const platform = e.attributes.platform_organization;
      return [
        ...(e.refs[PARTICIPATE_TO] ?? []),
        ...(typeof platform === 'string' ? [platform] : []),
      ];
    });
    return [...new Set(ids)];
  }
}
