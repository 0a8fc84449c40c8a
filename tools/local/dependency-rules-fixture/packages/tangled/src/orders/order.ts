// Orders use billing's invoice...
import { invoiceNumber } from "../billing/invoice.ts";

export const orderNumber = `o-${invoiceNumber}`;
