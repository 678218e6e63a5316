/**
 * Runs once when the server starts: parses the environment, so a deployment with a bad or
 * missing variable (e.g. DATABASE_URL without EGRESS_DOCTOR_SECRET) fails at start with the
 * variable named, instead of on the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./lib/env');
  getEnv();
}
