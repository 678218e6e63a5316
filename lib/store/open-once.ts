/**
 * `open`, run at most once at a time and remembered once it succeeds; a failed open is
 * forgotten so the next call tries again (a database that comes up after the dashboard is
 * picked up). Shared by the stores that connect and migrate lazily.
 */
export function openOnce<T>(open: () => Promise<T>): { ready: () => Promise<T>; opened: () => Promise<T> | undefined } {
  let opening: Promise<T> | undefined;
  return {
    ready: () => {
      opening ??= open().catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    opened: () => opening,
  };
}
