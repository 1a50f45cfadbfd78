import type { Redis, Result } from 'ioredis';

// One server-side call appends a batch of events and records each in its element's index (a
// sorted set of event ids scored by millisecond): a round trip and a command per batch instead of
// three per event, and no index left behind its events. Redis assigns the ids as the script runs.
//
// KEYS[1] is the stream, KEYS[1 + i] the index of event i. ARGV: the trim strategy (~ or =), the
// stream's maximum length, the ids each index keeps; then, per event, its field count and fields.
const APPEND_EVENTS_LUA = `
local ids = {}
local at = 4
for i = 2, #KEYS do
  local count = tonumber(ARGV[at])
  local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], ARGV[2], '*',
    unpack(ARGV, at + 1, at + count))
  at = at + count + 1
  redis.call('ZADD', KEYS[i], tonumber(string.match(id, '^%d+')), id)
  ids[i - 1] = id
end
local cap = tonumber(ARGV[3])
local trimmed = {}
for i = 2, #KEYS do
  local index = KEYS[i]
  if not trimmed[index] then
    trimmed[index] = true
    if redis.call('ZCARD', index) > cap then
      redis.call('ZREMRANGEBYRANK', index, 0, -(cap + 1))
    end
  end
end
return ids
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See APPEND_EVENTS_LUA: `numKeys, ...keys, ...args`; the ids of the appended events. */
    appendEvents(numKeys: number, ...keysAndArgs: string[]): Result<string[], Context>;
  }
}

/** Adds `appendEvents` to a connection (sent as EVALSHA, loaded again if Redis lost it). */
export function defineAppendEvents(redis: Redis): void {
  redis.defineCommand('appendEvents', { lua: APPEND_EVENTS_LUA });
}
