// Lua scripts of the Redis cache, each run atomically by the server. Entry keys are derived from
// ARGV inside the scripts, so the cache targets a standalone Redis (not Redis Cluster).

/**
 * KEYS: lru index (zset), sequence. ARGV: entry key prefix, key, value, ttl ms ('' = none), max.
 * Stores the entry, marks it most recently used, evicts the least recently used past max.
 */
export const SET_ENTRY = `
local entry = ARGV[1] .. ARGV[2]
if ARGV[4] == '' then
  redis.call('SET', entry, ARGV[3])
else
  redis.call('SET', entry, ARGV[3], 'PX', ARGV[4])
end
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[2])
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[5])
if over > 0 then
  local victims = redis.call('ZPOPMIN', KEYS[1], over)
  for i = 1, #victims, 2 do
    redis.call('DEL', ARGV[1] .. victims[i])
  end
end
return 1
`;

/** KEYS: lru index, sequence. ARGV: entry key prefix, keys... Reads and marks them used. */
export const GET_ENTRIES = `
local values = {}
for i = 2, #ARGV do
  local value = redis.call('GET', ARGV[1] .. ARGV[i])
  values[i - 1] = value
  if value then
    redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[i])
  end
end
return values
`;

/** KEYS: lru index. ARGV: entry key prefix, keys... */
export const DELETE_ENTRIES = `
for i = 2, #ARGV do
  redis.call('DEL', ARGV[1] .. ARGV[i])
  redis.call('ZREM', KEYS[1], ARGV[i])
end
return 1
`;

/** KEYS: fencing counter, lock keys... ARGV: ttl ms. All keys or none; the token, or 0. */
export const ACQUIRE_LOCKS = `
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return 0
  end
end
local token = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], token, 'PX', ARGV[1])
end
return token
`;

/** KEYS: lock keys. ARGV: token, ttl ms. 1 when every key was still held with the token. */
export const EXTEND_LOCKS = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) ~= ARGV[1] then
    return 0
  end
end
for i = 1, #KEYS do
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return 1
`;

/** KEYS: lock keys. ARGV: token. Releases the keys still held with the token. */
export const RELEASE_LOCKS = `
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
  end
end
return 1
`;
