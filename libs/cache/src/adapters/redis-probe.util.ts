/**
 * Connects once (no retry) and pings: resolves when Redis answers, rejects with the reason.
 * ioredis is loaded by the call, not by importing the library: the embedded profile never calls.
 */
export async function probeRedis(url: string, timeoutMs: number): Promise<void> {
  const { pingRedis } = await import('./redis-ping.util.js');
  await pingRedis(url, timeoutMs);
}
