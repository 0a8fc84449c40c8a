import { ConcurrentModificationError, PreconditionFailedError } from "@starter/service-kit/errors";
import {
  createOrReplace,
  type Precondition,
  type PutOutcome,
  preconditionHolds,
} from "@starter/service-kit/preconditions";
import { LegacyDeliveryNotFoundError } from "./legacy-delivery.errors.ts";
import type { LegacyDeliveryRepository } from "./legacy-delivery.repository.ts";
import {
  createLegacyDelivery,
  type LegacyDelivery,
  type LegacyDeliveryDetails,
  reviseLegacyDelivery,
} from "./legacy-delivery.ts";

const MAX_DELETE_ATTEMPTS = 5;

/** Create-or-update, read and delete: the legacy contract, nothing more. */
export class LegacyDeliveryService {
  readonly #repository: LegacyDeliveryRepository;

  constructor(repository: LegacyDeliveryRepository) {
    this.#repository = repository;
  }

  async get(id: string): Promise<LegacyDelivery> {
    const delivery = await this.#repository.findById(id);
    if (!delivery) throw new LegacyDeliveryNotFoundError(id);
    return delivery;
  }

  async put(id: string, details: LegacyDeliveryDetails, precondition: Precondition) {
    const store = {
      find: () => this.#repository.findById(id),
      insert: (delivery: LegacyDelivery) => this.#repository.insert(delivery),
      replace: (delivery: LegacyDelivery, version: number) => this.#repository.replace(delivery, version),
    };
    const rules = {
      create: () => createLegacyDelivery(id, details),
      revise: (c: LegacyDelivery) => reviseLegacyDelivery(c, details),
    };
    const result: { outcome: PutOutcome; value: LegacyDelivery } = await createOrReplace(store, precondition, rules);
    return result;
  }

  async delete(id: string, precondition: Precondition): Promise<void> {
    for (let attempt = 1; attempt <= MAX_DELETE_ATTEMPTS; attempt++) {
      const current = await this.#repository.findById(id);
      if (!preconditionHolds(precondition, current?.version))
        throw new PreconditionFailedError("the condition does not hold");
      if (!current || (await this.#repository.remove(id, current.version)) === "removed") return;
    }
    throw new ConcurrentModificationError(`delivery ${id} kept changing while it was being deleted`);
  }
}
