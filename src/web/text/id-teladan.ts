/** Indonesian strings of the ASN teladan pages (key `teladan`; en-teladan.ts has the same keys). Issue 18. */
export const idTeladan = {
  title: 'ASN teladan',
};
