'use client';

import { createContext, useContext } from 'react';

/** The saved diagnosis whose fixes may be applied (null: not saved, nothing to apply). */
const FixApplyContext = createContext<string | null>(null);

/** Lets the fix cards below apply fixes of diagnosis `diagnosisId`. */
export function FixApplyProvider({ diagnosisId, children }: { diagnosisId: string | null; children: React.ReactNode }) {
  return <FixApplyContext.Provider value={diagnosisId}>{children}</FixApplyContext.Provider>;
}

/** The id of the diagnosis the fixes belong to, or null. */
export function useFixDiagnosisId(): string | null {
  return useContext(FixApplyContext);
}
