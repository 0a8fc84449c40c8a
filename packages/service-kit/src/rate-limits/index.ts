// The limiter's store only: the middleware that uses it (rateLimit, RateLimitExceededError) is the http
// subpath's, a layer above this one, which it may not import.
export {
  createRateLimitIndexes,
  deleteExpiredRateLimits,
  mongoRateLimiter,
  RATE_LIMITS_COLLECTION,
} from "./mongo-rate-limiter.ts";
