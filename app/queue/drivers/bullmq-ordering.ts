/**
 * FIFO per shop and flow on BullMQ, which has no job groups outside BullMQ Pro: each ordered
 * group is a Redis list of job ids in enqueue order; only the head may run. A job joins its list
 * when enqueued (and again on pickup, if the enqueuer died between add and join); it leaves when
 * it succeeds or fails for good. Heads that no longer exist or already finished are dropped, so
 * a deleted job can never block its group.
 */
import type { Redis } from "ioredis";

const JOIN = `
if redis.call('LPOS', KEYS[1], ARGV[1]) == false and redis.call('HEXISTS', KEYS[2], 'finishedOn') == 0 then
  redis.call('RPUSH', KEYS[1], ARGV[1])
end
return 1`;

// KEYS[1] group list, KEYS[2] this job's hash; ARGV[1] job id, ARGV[2] the queue's key prefix.
const IS_HEAD = `
if redis.call('LPOS', KEYS[1], ARGV[1]) == false then
  redis.call('RPUSH', KEYS[1], ARGV[1])
end
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if head == ARGV[1] then return 1 end
  local key = ARGV[2] .. head
  if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'finishedOn') == 1 then
    redis.call('LREM', KEYS[1], 1, head)
  else
    return 0
  end
end`;

export interface OrderedGroups {
  join(queueKeyPrefix: string, group: string, jobId: string): Promise<void>;
  isHead(queueKeyPrefix: string, group: string, jobId: string): Promise<boolean>;
  leave(queueKeyPrefix: string, group: string, jobId: string): Promise<void>;
  /** The job id at the head of the group, if any (it may since have finished). */
  head(queueKeyPrefix: string, group: string): Promise<string | null>;
}

/** Ordered groups stored beside the queue's own keys (`queueKeyPrefix` is "<prefix>:<queue>:"). */
export function orderedGroups(redis: Redis): OrderedGroups {
  const listKey = (queueKeyPrefix: string, group: string) => `${queueKeyPrefix}erp-bridge-ordered:${group}`;
  return {
    async join(prefix, group, jobId) {
      await redis.eval(JOIN, 2, listKey(prefix, group), prefix + jobId, jobId);
    },
    async isHead(prefix, group, jobId) {
      return (await redis.eval(IS_HEAD, 2, listKey(prefix, group), prefix + jobId, jobId, prefix)) === 1;
    },
    async leave(prefix, group, jobId) {
      await redis.lrem(listKey(prefix, group), 1, jobId);
    },
    async head(prefix, group) {
      return redis.lindex(listKey(prefix, group), 0);
    },
  };
}
