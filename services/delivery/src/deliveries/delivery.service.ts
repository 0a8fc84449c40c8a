import {
  NO_PRECONDITION,
  type Precondition,
  type PutOutcome,
  type PutResult,
  type Revision,
  VersionedWrites,
} from "@starter/service-kit/versioned-writes";
import { ConfirmationNotFoundError, DeliveryNotFoundError } from "./delivery.errors.ts";
import type { DeliveryFilter, DeliveryRepository, Page, PageRequest } from "./delivery.repository.ts";
import {
  type Confirmation,
  type Coordinates,
  confirmDelivery,
  createDelivery,
  type Delivery,
  type DeliveryDetails,
  dispatchDelivery,
  replaceDropoff,
  reviseDelivery,
} from "./delivery.ts";

export type ConfirmationResult = Readonly<{ outcome: PutOutcome; delivery: Delivery; confirmation: Confirmation }>;

/**
 * The use cases, in the words of the contract. Every write goes through the kit's write engine, which
 * decides preconditions (412) and lost races (re-read, or 409); what is left here is the domain's part.
 */
export class DeliveryService {
  readonly #repository: DeliveryRepository;
  readonly #writes: VersionedWrites<Delivery>;

  constructor(repository: DeliveryRepository) {
    this.#repository = repository;
    this.#writes = new VersionedWrites(repository, { notFound: (id) => new DeliveryNotFoundError(id) });
  }

  get(id: string): Promise<Delivery> {
    return this.#writes.get(id);
  }

  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>> {
    return this.#repository.list(filter, page);
  }

  /**
   * Create-or-replace. `detailsFor` derives the details from the state just read, so an input that merges
   * onto the stored state (an older API version's) is merged again after a lost race, never onto stale data.
   */
  put(
    id: string,
    detailsFor: (current: Delivery | undefined) => DeliveryDetails,
    precondition: Precondition,
  ): Promise<PutResult<Delivery>> {
    return this.#writes.createOrReplace(id, precondition, {
      create: () => createDelivery(id, detailsFor(undefined)),
      revise: (current) => reviseDelivery(current, detailsFor(current)),
    });
  }

  putDropoff(id: string, dropoff: Coordinates, precondition: Precondition): Promise<Revision<Delivery>> {
    return this.#writes.change(id, precondition, (current) => replaceDropoff(current, dropoff));
  }

  /** The effect of a dispatch operation; idempotent per operation (see `dispatchDelivery`). */
  async dispatch(id: string, operationId: string): Promise<void> {
    await this.#writes.change(id, NO_PRECONDITION, (current) => dispatchDelivery(current, operationId));
  }

  async getConfirmation(id: string): Promise<{ delivery: Delivery; confirmation: Confirmation }> {
    const delivery = await this.get(id);
    if (!delivery.confirmation) throw new ConfirmationNotFoundError(id);
    return { delivery, confirmation: delivery.confirmation };
  }

  /** `created` when the delivery had no confirmation before. */
  async putConfirmation(
    id: string,
    confirmation: Confirmation,
    precondition: Precondition,
  ): Promise<ConfirmationResult> {
    const { previous, value, changed } = await this.#writes.change(id, precondition, (current) =>
      confirmDelivery(current, confirmation),
    );
    const outcome: PutOutcome = !changed ? "unchanged" : previous.confirmation ? "replaced" : "created";
    return { outcome, delivery: value, confirmation };
  }

  delete(id: string, precondition: Precondition): Promise<"deleted" | "absent"> {
    return this.#writes.remove(id, precondition);
  }
}
