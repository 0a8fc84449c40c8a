import type { WithinMajorChange } from "@starter/service-kit/versions";
import { INSTANT_WINDOW, PACKAGE_WEIGHT_KG } from "../common/fields.ts";

/**
 * The Delivery API's changes released within a major (docs/versioning.md, "Changes within a major"): each
 * moved the minor of the majors it applies to (their documents' `info.version`), by one, and is listed in
 * the changelog under that minor. The registry's `minor` of each major is the last one here.
 */
export const DELIVERY_WITHIN_MAJOR_CHANGES: readonly WithinMajorChange[] = [
  {
    versions: ["1.1", "2.1"],
    date: "2026-12-07",
    name: "bound-instants-and-weights",
    why:
      `A deadline or a confirmation's instant must lie from ${INSTANT_WINDOW.from} up to, not including, ` +
      `${INSTANT_WINDOW.until}, and a package weigh at most ${PACKAGE_WEIGHT_KG.maximum} kg (version 2); ` +
      "outside, a 422 pointing at the member. Both were unbounded, so year 0000 and 1e308 kg were stored as " +
      "deliveries; no delivery has such values, so no new major: clients that sent real deliveries see no " +
      "change. A minor, though the contract gate calls a new bound breaking: it was reviewed as the exception.",
  },
  {
    versions: ["1.2"],
    date: "2026-12-07",
    name: "mark-deprecated-and-document-410",
    why:
      "Version 1 is deprecated: every operation says so (`deprecated: true`, which generated clients turn into " +
      "warnings) and documents the 410 it answers in a brownout (`version.brownout`) and from the sunset " +
      "(`version.retired`). Only the document changed, and only by additions: a minor.",
  },
  {
    versions: ["1.3", "2.2"],
    date: "2026-12-07",
    name: "document-503-and-response-headers",
    why:
      "Every operation documents the 503 it answers when a dependency is down (`service.unavailable`) or the " +
      "request's deadline passed (`request.deadline_exceeded`), and the headers it was already sent with: " +
      "`Retry-After` on 429, 503 and an Idempotency-Key still in flight, `RateLimit` and `RateLimit-Policy` on " +
      "writes, and `Deprecation`, `Sunset` and `Link` on a deprecated major's answers. The answers are as " +
      "before; only the document describes more of them: a minor.",
  },
];
