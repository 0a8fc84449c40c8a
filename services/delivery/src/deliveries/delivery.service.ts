import type { Access } from "@starter/service-kit/access";
import {
  OwnedAggregates,
  type OwnedRepository,
  type Precondition,
  type PutOutcome,
  type Revision,
} from "@starter/service-kit/versioned-writes";
import { ConfirmationNotFoundError, DeliveryNotFoundError, DeliveryOwnerForbiddenError } from "./delivery.errors.ts";
import {
  type Confirmation,
  type Coordinates,
  confirmDelivery,
  createDelivery,
  type Delivery,
  type DeliveryDetails,
  type DeliveryStatus,
  replaceDropoff,
  reviseDelivery,
} from "./delivery.ts";

export type DeliveryFilter = Readonly<{ status?: DeliveryStatus; ownerId?: string }>;

export type ConfirmationResult = Readonly<{ outcome: PutOutcome; delivery: Delivery; confirmation: Confirmation }>;

/**
 * The use cases, in the words of the contract: those every owned aggregate has (read, list, create-or-replace,
 * delete: the kit's `OwnedAggregates`) and the delivery's own. Every write goes through the kit's write
 * engine (412, lost races, 409); each use case is given the caller's `Access`, and someone else's delivery
 * is not found (OWASP API1: checked where the delivery is read, whichever route reads it).
 */
export class DeliveryService extends OwnedAggregates<Delivery, DeliveryDetails, DeliveryFilter> {
  constructor(repository: OwnedRepository<Delivery, DeliveryFilter>) {
    super(repository, {
      create: createDelivery,
      revise: reviseDelivery,
      notFound: (id) => new DeliveryNotFoundError(id),
      forbidden: (id) => new DeliveryOwnerForbiddenError(id),
    });
  }

  putDropoff(
    id: string,
    dropoff: Coordinates,
    precondition: Precondition,
    access: Access,
  ): Promise<Revision<Delivery>> {
    return this.change(id, precondition, access, (current) => replaceDropoff(current, dropoff));
  }

  async getConfirmation(id: string, access: Access): Promise<{ delivery: Delivery; confirmation: Confirmation }> {
    const delivery = await this.get(id, access);
    if (!delivery.confirmation) throw new ConfirmationNotFoundError(id);
    return { delivery, confirmation: delivery.confirmation };
  }

  /** `created` when the delivery had no confirmation before. */
  async putConfirmation(
    id: string,
    confirmation: Confirmation,
    precondition: Precondition,
    access: Access,
  ): Promise<ConfirmationResult> {
    const { previous, value, changed } = await this.change(id, precondition, access, (current) =>
      confirmDelivery(current, confirmation),
    );
    const outcome: PutOutcome = !changed ? "unchanged" : previous.confirmation ? "replaced" : "created";
    return { outcome, delivery: value, confirmation };
  }
}
