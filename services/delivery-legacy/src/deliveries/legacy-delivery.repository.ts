import type { VersionedRepository } from "@starter/service-kit/versioned-writes";
import type { LegacyDelivery } from "./legacy-delivery.ts";

/** The port: the write engine's conditional writes, nothing more. */
export type LegacyDeliveryRepository = VersionedRepository<LegacyDelivery>;
