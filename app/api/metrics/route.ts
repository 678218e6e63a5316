import { withErrors } from '@/lib/http/route';
import { formatMetrics } from '@/lib/metrics/exposition';
import { getMetrics } from '@/lib/metrics/registry';
import { ensureWatchScheduler } from '@/lib/watch/watch-service';
import { getWatchStore } from '@/lib/watch/watch-store';

export const dynamic = 'force-dynamic';

/**
 * Prometheus text exposition: this process's diagnosis, cloud-call, what-if and watch-run
 * counters, and every watch's last verdict. Same access rule as every other route (an
 * identity when `EGRESS_DOCTOR_REQUIRE_IDENTITY` is on); it names no diagnosis id.
 */
export const GET = withErrors('GET /api/metrics', async () => {
  ensureWatchScheduler();
  const body = formatMetrics(getMetrics(), await getWatchStore().list(1000));
  return new Response(body, { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
});
