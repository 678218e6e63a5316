/** `2025-06-12 08:41 UTC`: the same on the server and in every browser (no hydration mismatch). */
export function formatSavedAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
