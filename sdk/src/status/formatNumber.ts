/** Numbers as every Assetline surface writes them: thousands separators, at most six decimals. */
export function formatNumber(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
}
