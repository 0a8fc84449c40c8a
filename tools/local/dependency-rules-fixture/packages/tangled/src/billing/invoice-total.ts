// ...and billing uses another file of orders: no module cycle, but the two folders import each other.
import { orderTotal } from "../orders/order-total.ts";

export const invoiceTotal = orderTotal;
