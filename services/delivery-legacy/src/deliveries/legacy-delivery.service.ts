import type { Access } from "@starter/service-kit/access";
import { type Precondition, type PutResult, VersionedWrites } from "@starter/service-kit/versioned-writes";
import { LegacyDeliveryNotFoundError, LegacyDeliveryOwnerForbiddenError } from "./legacy-delivery.errors.ts";
import type { LegacyDeliveryRepository } from "./legacy-delivery.repository.ts";
import {
  createLegacyDelivery,
  type LegacyDelivery,
  type LegacyDeliveryDetails,
  reviseLegacyDelivery,
} from "./legacy-delivery.ts";

/**
 * Create-or-update, read and delete: the legacy contract, nothing more; the kit's engine does the writes.
 * A delivery belongs to its `owner`: someone else's is not found, as on the new service.
 */
export class LegacyDeliveryService {
  readonly #writes: VersionedWrites<LegacyDelivery>;

  constructor(repository: LegacyDeliveryRepository) {
    this.#writes = new VersionedWrites(repository, {
      notFound: (id) => new LegacyDeliveryNotFoundError(id),
      ownership: {
        ownerOf: (delivery) => delivery.owner,
        forbidden: (id) => new LegacyDeliveryOwnerForbiddenError(id),
      },
    });
  }

  get(id: string, access: Access): Promise<LegacyDelivery> {
    return this.#writes.get(id, access);
  }

  put(
    id: string,
    details: LegacyDeliveryDetails,
    precondition: Precondition,
    access: Access,
  ): Promise<PutResult<LegacyDelivery>> {
    return this.#writes.createOrReplace(id, precondition, access, {
      create: () => createLegacyDelivery(id, details),
      revise: (current) => reviseLegacyDelivery(current, details),
    });
  }

  async delete(id: string, precondition: Precondition, access: Access): Promise<void> {
    await this.#writes.remove(id, precondition, access);
  }
}
