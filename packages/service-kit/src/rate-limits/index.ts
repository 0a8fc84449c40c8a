export {
  createRateLimitIndexes,
  deleteExpiredRateLimits,
  mongoRateLimiter,
  RATE_LIMITS_COLLECTION,
} from "./mongo-rate-limiter.ts";
export { type RateLimitOptions, rateLimit } from "./rate-limit.ts";
export { RateLimitExceededError } from "./rate-limit-errors.ts";
