import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { savedDiagnosisSchema } from '@/lib/schemas/saved-diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';

import { AppHeader } from '@/components/app-header';

import { SavedDiagnosis } from './_components/saved-diagnosis';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Saved diagnosis · ACS Egress Doctor' };

/** A saved diagnosis behind its share link, read from the store on the server (a real 404 for unknown or expired ids). */
export default async function SavedDiagnosisPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Ids are 22 base64url characters; anything else (too long, other characters) is no link of ours.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const stored = await getDiagnosisStore().get(id);
  if (!stored) notFound();
  const saved = savedDiagnosisSchema.parse({ diagnosis: stored.diagnosis, origin: stored.origin, savedAt: stored.savedAt, expiresAt: stored.expiresAt, whatIf: stored.whatIf });
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-4 p-3 sm:p-4">
        <h1 className="sr-only">Saved egress diagnosis</h1>
        <SavedDiagnosis saved={saved} />
      </main>
    </>
  );
}
