import { describe, expect, it } from "vitest";
import { aggregateNameProblem, namesOf, serviceNameProblem } from "./names.ts";

describe("the generator's names", () => {
  it("When the aggregate has two words, then every spelling the templates use follows from it", () => {
    expect(namesOf("order-history", "PurchaseOrder")).toEqual({
      service: "order-history",
      serviceDb: "order_history",
      ServiceTitle: "Order History",
      serviceVar: "orderHistory",
      Aggregate: "PurchaseOrder",
      aggregate: "purchaseOrder",
      Aggregates: "PurchaseOrders",
      aggregates: "purchaseOrders",
      AGGREGATES: "PURCHASE_ORDERS",
      aggregateFile: "purchase-order",
      aggregatesPath: "purchase-orders",
      aggregateCode: "purchase_order",
      aggregatesCollection: "purchase_orders",
      aggregateWords: "purchase order",
      anAggregateWords: "a purchase order",
      AggregateWords: "Purchase order",
      aggregatesWords: "purchase orders",
      idPrefix: "purchase-order",
    });
  });

  it("When the aggregate's name starts with a vowel sound, then prose says an, else a (an invoice, a user, an hour)", () => {
    expect(namesOf("x", "Invoice").anAggregateWords).toBe("an invoice");
    expect(namesOf("x", "OrderItem").anAggregateWords).toBe("an order item");
    expect(namesOf("x", "User").anAggregateWords).toBe("a user");
    expect(namesOf("x", "Hour").anAggregateWords).toBe("an hour");
    expect(namesOf("x", "Delivery").anAggregateWords).toBe("a delivery");
  });

  it("When the plural is irregular, then it is the English one", () => {
    expect(namesOf("x", "Category").aggregatesPath).toBe("categories");
    expect(namesOf("x", "Address").Aggregates).toBe("Addresses");
  });

  it.each(["invoicing", "order-history", "a1"])("When the service name is %s, then it is accepted", (name) => {
    expect(serviceNameProblem(name)).toBeUndefined();
  });

  it.each([
    ["Invoicing", "not a valid service name"],
    ["order_history", "not a valid service name"],
    ["order--history", "not a valid service name"],
    ["-x", "not a valid service name"],
    ["1st", "not a valid service name"],
    ["a".repeat(41), "not a valid service name"],
    ["testing", "reserved"],
    ["packages", "reserved"],
    ["delete", "JavaScript reserves"],
  ])("When the service name is %s, then it is refused as %s", (name, reason) => {
    expect(serviceNameProblem(name)).toContain(reason);
  });

  it.each([
    ["invoice", "not a PascalCase"],
    ["INVOICE", "not a PascalCase"],
    ["Invoice_Line", "not a PascalCase"],
    ["Data", "same in the plural"],
    ["Page", "collides"],
    ["Operation", "collides"],
    ["Class", "reserves"],
    ["Default", "reserves"],
  ])("When the aggregate name is %s, then it is refused (%s)", (name, reason) => {
    expect(aggregateNameProblem(name)).toContain(reason);
  });

  it("When the aggregate name is PascalCase and free, then it is accepted", () => {
    expect(aggregateNameProblem("Invoice")).toBeUndefined();
    expect(aggregateNameProblem("PurchaseOrder2")).toBeUndefined();
  });
});
