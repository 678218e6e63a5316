import { z } from 'zod';

import { withErrors } from '@/lib/http/route';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { diagnosisNotFound } from '@/lib/store/saved-diagnoses';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

/** The facts of a saved diagnosis as a world file (YAML) for the CLI's `--world`, as a download. */
export const GET = withErrors('GET /api/diagnoses/[id]/world', async (_request: Request, context: { params: Promise<unknown> }) => {
  const { id } = paramsSchema.parse(await context.params);
  const saved = await getDiagnosisStore().get(id);
  if (!saved) throw diagnosisNotFound(id);
  return new Response(saved.worldYaml, {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename=diagnosis-${id}.yaml`,
      'cache-control': 'no-store',
    },
  });
});
