export const invoiceNumber = 7;
