export const PORT = 3000;
