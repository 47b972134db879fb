import { Redis } from 'ioredis';

/** Exported so typed cases can use a client whose origin only the type checker can see. */
export const sharedRedis = new Redis({ commandTimeout: 1000 });
