/**
 * Child process of the crash test: saves diagnoses into the store at argv[2] in a loop and
 * prints each id once `save` has returned (committed). The test SIGKILLs it mid-loop.
 * Run from the repository root.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { diagnosisSchema } from '@/lib/schemas/diagnosis';

import { createSqliteDiagnosisStore } from '../sqlite-store';

const file = process.argv[2];
if (!file) throw new Error('usage: save-loop.ts <database file>');
const diagnosis = diagnosisSchema.parse(JSON.parse(readFileSync(path.resolve('components/diagnosis/__fixtures__/blocked-security-group.json'), 'utf8')));
const store = createSqliteDiagnosisStore({ file, retentionDays: 30 });
const origin = { cluster: 'acs-prod', clusterServer: 'https://127.0.0.1:6443', region: 'cn-hangzhou', accountId: null };
// A large fragment makes each write span several pages, so the kill lands mid-write often.
const worldYaml = `# ${'x'.repeat(64)}\n`.repeat(400);

async function saveForever(): Promise<never> {
  for (let index = 0; ; index += 1) {
    const saved = await store.save({ diagnosis: { ...diagnosis, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString() }, worldYaml, origin });
    process.stdout.write(`${saved.diagnosis.id} ${index}\n`);
  }
}

saveForever().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
