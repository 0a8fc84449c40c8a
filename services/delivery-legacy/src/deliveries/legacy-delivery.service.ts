import { type Precondition, type PutResult, VersionedWrites } from "@starter/service-kit/versioned-writes";
import { LegacyDeliveryNotFoundError } from "./legacy-delivery.errors.ts";
import type { LegacyDeliveryRepository } from "./legacy-delivery.repository.ts";
import {
  createLegacyDelivery,
  type LegacyDelivery,
  type LegacyDeliveryDetails,
  reviseLegacyDelivery,
} from "./legacy-delivery.ts";

/** Create-or-update, read and delete: the legacy contract, nothing more; the kit's engine does the writes. */
export class LegacyDeliveryService {
  readonly #writes: VersionedWrites<LegacyDelivery>;

  constructor(repository: LegacyDeliveryRepository) {
    this.#writes = new VersionedWrites(repository, { notFound: (id) => new LegacyDeliveryNotFoundError(id) });
  }

  get(id: string): Promise<LegacyDelivery> {
    return this.#writes.get(id);
  }

  put(id: string, details: LegacyDeliveryDetails, precondition: Precondition): Promise<PutResult<LegacyDelivery>> {
    return this.#writes.createOrReplace(id, precondition, {
      create: () => createLegacyDelivery(id, details),
      revise: (current) => reviseLegacyDelivery(current, details),
    });
  }

  async delete(id: string, precondition: Precondition): Promise<void> {
    await this.#writes.remove(id, precondition);
  }
}
