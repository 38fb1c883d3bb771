import { Redis, type RedisOptions } from 'ioredis';

/**
 * `producer` connections fail fast while Redis is down (the outbox keeps the work);
 * `worker` connections wait and reconnect, as BullMQ workers require (maxRetriesPerRequest: null).
 */
export function createRedis(url: string, role: 'producer' | 'worker' | 'probe'): Redis {
  const options: RedisOptions = {
    lazyConnect: false,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  };
  const redis = new Redis(url, options);
  redis.on('error', () => undefined); // reconnects on its own; state is reported by /health
  return redis;
}
