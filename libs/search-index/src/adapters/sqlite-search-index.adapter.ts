import type { Statement } from 'better-sqlite3';
import type { Page } from '@lib/kernel';
import { accessRule } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import type { SqliteDatabase } from '@lib/sqlite';
import {
  ELEMENT_COLUMNS,
  compileAccessRule,
  decodeElementRow,
  migrateElementTables,
} from '@lib/entity-store';
import type { ElementRow, SqlFragment, StoredElement } from '@lib/entity-store';
import { SearchIndex } from '../search-index.port';
import type { CountQuery, SearchQuery } from '../search-query.types';
import { InvalidQueryError } from '../errors/search-index.error';
import { compileFilterGroup, compileSearch, compileTypes } from './sqlite-filter.compiler';

const MAX_PAGE = 5000;
const PLATFORM_ORDER: Record<string, string> = {
  created_at: 'e.created_at',
  updated_at: 'e.updated_at',
  entity_type: 'e.entity_type',
  standard_id: 'e.standard_id',
};

type Cursor = [unknown, number];
type PageKey = { seq: number; sort_value: unknown; total?: number };

function encodeCursor(value: unknown, seq: number): string {
  return Buffer.from(JSON.stringify([value, seq])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'number') {
      return parsed as Cursor;
    }
  } catch (cause) {
    throw new InvalidQueryError(`Invalid cursor "${cursor}"`, { cause: String(cause) });
  }
  throw new InvalidQueryError(`Invalid cursor "${cursor}"`);
}

/** SearchIndex over the embedded element tables (FTS5 for words, JSON functions for attributes). */
export class SqliteSearchIndex extends SearchIndex {
  private readonly cached = new Map<string, Statement>();

  constructor(private readonly database: SqliteDatabase) {
    super();
    migrateElementTables(database);
  }

  search(ctx: AccessContext, query: SearchQuery): Promise<Page<StoredElement>> {
    return this.run(() => {
      if (!Number.isInteger(query.first) || query.first < 0 || query.first > MAX_PAGE) {
        throw new InvalidQueryError(`first must be an integer between 0 and ${MAX_PAGE}`, {
          first: query.first,
        });
      }
      const where = this.where(ctx, query);
      const order = this.order(query);
      const desc = query.orderMode === 'desc';
      const page: SqlFragment[] = [where];
      if (query.after) {
        const [value, seq] = decodeCursor(query.after);
        const op = desc ? '<' : '>';
        page.push({
          sql: `(${order.expr} ${op} ? OR (${order.expr} = ? AND e.seq ${op} ?))`,
          params: [...order.params, value, ...order.params, value, seq],
        });
      }
      const direction = desc ? 'DESC' : 'ASC';
      // One pass over the matches gives the page's keys and, on a first page, their count (a
      // window over every match); only the page's documents are read afterwards. A later page's
      // count must ignore its cursor: a query of its own.
      const counted = !query.after;
      const keys = this.prepare(
        `SELECT e.seq, ${order.expr} AS sort_value${counted ? ', count(*) OVER () AS total' : ''}
         FROM elements e WHERE ${page.map((p) => p.sql).join(' AND ')}
         ORDER BY sort_value ${direction}, e.seq ${direction} LIMIT ?`,
      ).all(...order.params, ...page.flatMap((p) => p.params), query.first + 1) as PageKey[];
      const hasNextPage = keys.length > query.first;
      const kept = keys.slice(0, query.first);
      const cursors = kept.map((key) => encodeCursor(key.sort_value, key.seq));
      const globalCount = counted ? (keys[0]?.total ?? 0) : this.countWhere(where);
      const rows = this.rowsOf(kept.map((key) => key.seq));
      return {
        items: rows,
        cursors,
        pageInfo: {
          startCursor: cursors[0] ?? null,
          endCursor: cursors[cursors.length - 1] ?? null,
          hasNextPage,
          hasPreviousPage: Boolean(query.after),
          globalCount,
        },
      };
    });
  }

  count(ctx: AccessContext, query: CountQuery): Promise<number> {
    return this.run(() => this.countWhere(this.where(ctx, query)));
  }

  // The elements of these rows, in this order.
  private rowsOf(seqs: readonly number[]): StoredElement[] {
    if (seqs.length === 0) return [];
    const rows = this.prepare(
      `SELECT ${ELEMENT_COLUMNS} FROM elements e WHERE e.seq IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(seqs)) as ElementRow[];
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    return seqs.flatMap((seq) => {
      const row = bySeq.get(seq);
      return row ? [decodeElementRow(row)] : [];
    });
  }

  private countWhere(where: SqlFragment): number {
    return this.prepare(`SELECT count(*) FROM elements e WHERE ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  private where(ctx: AccessContext, query: CountQuery): SqlFragment {
    const parts: SqlFragment[] = [compileAccessRule(accessRule(ctx))];
    if (query.types && query.types.length > 0) {
      parts.push(compileTypes(query.types));
    }
    if (query.filters) {
      parts.push(compileFilterGroup(query.filters));
    }
    const search = query.search ? compileSearch(query.search) : undefined;
    if (search) {
      parts.push(search);
    }
    return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
  }

  private order(query: SearchQuery): { expr: string; params: unknown[] } {
    const by = query.orderBy;
    if (!by) {
      return { expr: 'e.seq', params: [] };
    }
    if (by === '_score') {
      const search = query.search ? compileSearch(query.search) : undefined;
      if (!search) {
        return { expr: 'e.seq', params: [] };
      }
      // FTS5's bm25 is lower for a better match: negated, a larger score is a better match, as
      // a search engine's _score (descending is best first).
      return {
        expr: '(SELECT -bm25(elements_fts) FROM elements_fts WHERE elements_fts MATCH ? AND rowid = e.seq)',
        params: search.params,
      };
    }
    const column = PLATFORM_ORDER[by];
    if (column) {
      return { expr: column, params: [] };
    }
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(by)) {
      throw new InvalidQueryError(`Invalid orderBy "${by}"`);
    }
    return { expr: `ifnull(json_extract(e.doc, '$.attributes."${by}"'), '')`, params: [] };
  }

  private prepare(sql: string): Statement {
    let statement = this.cached.get(sql);
    if (!statement) {
      statement = this.database.db.prepare(sql);
      this.cached.set(sql, statement);
    }
    return statement;
  }

  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (cause) {
      return Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
    }
  }
}
