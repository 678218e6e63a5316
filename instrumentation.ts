/**
 * Runs once when the server starts: installs the guard answering forbidden methods, chunked and
 * oversized API bodies before Next.js (lib/http/node-guard.ts), and reports a setting that does
 * not parse (e.g. DATABASE_URL without EGRESS_DOCTOR_SECRET), loudly, naming each variable,
 * instead of surfacing later as a failure of every request. The server stays up so /api/healthz
 * can answer 503 with the same list (and every other route 503), which readiness probes see.
 * With valid settings it starts the watch scheduler.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ envProblems }, { installNodeGuard }] = await Promise.all([import('@/lib/env'), import('@/lib/http/node-guard')]);
  installNodeGuard();
  const problems = envProblems();
  if (problems.length === 0) {
    // Watches re-run on their schedule from the start (EGRESS_DOCTOR_WATCH_SCHEDULER=false turns it off).
    const { ensureWatchScheduler } = await import('@/lib/watch/watch-service');
    ensureWatchScheduler();
    return;
  }
  console.error(['✗ ACS Egress Doctor: invalid settings — every route answers 503 until they are fixed:', ...problems.map((problem) => `  - ${problem}`)].join('\n'));
}
