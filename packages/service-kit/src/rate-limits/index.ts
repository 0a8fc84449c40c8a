// The middleware is HTTP's (it lives there); named here too, beside the limiter it is given.
export { type RateLimitOptions, rateLimit } from "../http/rate-limit.ts";
export { RateLimitExceededError } from "../http/rate-limit-errors.ts";
export {
  createRateLimitIndexes,
  deleteExpiredRateLimits,
  mongoRateLimiter,
  RATE_LIMITS_COLLECTION,
} from "./mongo-rate-limiter.ts";
