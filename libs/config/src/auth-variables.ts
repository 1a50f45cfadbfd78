import { z } from 'zod';
import { int } from './config-variable.types';
import type { ConfigVariable } from './config-variable.types';

const bool = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Local login, sessions and the hardening of the HTTP surface (issue #8). */
export const AUTH_VARIABLES = [
  {
    env: 'THREATLOOM_SESSION_SECRET',
    group: 'auth',
    schema: z.string().min(32),
    secret: true,
    description:
      'Signs session and CSRF cookies (32 characters or more). Unset: a random secret kept in the cache (shared by replicas on Redis; per process, lost at restart, in the embedded profile, whose sessions live in memory anyway).',
  },
  {
    env: 'THREATLOOM_SESSION_MAX_AGE_MIN',
    group: 'auth',
    schema: int(1, 525_600),
    default: '720',
    description:
      'Minutes a session lasts without activity (each request renews it); logging in again starts a new one.',
  },
  {
    env: 'THREATLOOM_SESSION_COOKIE_SECURE',
    group: 'auth',
    schema: bool,
    default: 'false',
    description:
      'Send the session and CSRF cookies over HTTPS only (set true in production; behind a TLS proxy also set THREATLOOM_TRUST_PROXY).',
  },
  {
    env: 'THREATLOOM_TRUST_PROXY',
    group: 'auth',
    schema: z
      .string()
      .regex(/^[0-9A-Za-z.:/,\s]+$/)
      .refine((v) => v.trim() !== 'true', 'true would trust any client to name its address'),
    default: 'false',
    description:
      'Reverse proxies trusted for X-Forwarded-For/-Proto (client address of rate limits, HTTPS of secure cookies): false, a hop count, or a comma list of addresses, subnets, loopback, uniquelocal.',
  },
  {
    env: 'THREATLOOM_LOGIN_MAX_FAILURES',
    group: 'auth',
    schema: int(1, 1000),
    default: '5',
    description:
      'Failed logins for one email within THREATLOOM_LOGIN_FAILURE_WINDOW_MIN that lock it.',
  },
  {
    env: 'THREATLOOM_LOGIN_FAILURE_WINDOW_MIN',
    group: 'auth',
    schema: int(1, 10_080),
    default: '15',
    description: 'Minutes over which failed logins for one email are counted.',
  },
  {
    env: 'THREATLOOM_LOGIN_LOCK_MIN',
    group: 'auth',
    schema: int(1, 10_080),
    default: '15',
    description:
      'Minutes an email stays locked after too many failed logins (even the right password is refused).',
  },
  {
    env: 'THREATLOOM_AUTH_RATE_LIMIT',
    group: 'auth',
    schema: int(1, 100_000),
    default: '30',
    description: 'Requests to /auth/* one client address may send per minute (429 past it).',
  },
  {
    env: 'THREATLOOM_GRAPHQL_MAX_DEPTH',
    group: 'auth',
    schema: int(5, 1000),
    default: '25',
    description:
      "Deepest GraphQL selection accepted, fragments counted where spread (deeper queries are refused with 400); pycti's deepest reads are about 10.",
  },
  {
    env: 'THREATLOOM_GRAPHQL_MAX_COST',
    group: 'auth',
    schema: int(100, 100_000_000),
    default: '1000000',
    description:
      "Largest estimated GraphQL query cost accepted (each field costs 1, a field paged with first: n costs n times what it selects); costlier queries are refused with 400. pycti's richest list pages cost about 150 per node.",
  },
] as const satisfies readonly ConfigVariable[];
