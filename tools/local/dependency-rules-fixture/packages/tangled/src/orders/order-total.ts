export const orderTotal = 42;
