'use client';

import { createContext, useContext, useMemo } from 'react';

import type { ApplyResponse } from '@/lib/audit/schemas';

/** A change made from the page (a fix applied, or undone) and the server's answer, with its re-run. */
export interface AppliedChange {
  operation: 'apply' | 'undo';
  response: ApplyResponse;
}

interface FixApplyValue {
  /** The saved diagnosis whose fixes may be applied (null: not saved, nothing to apply). */
  diagnosisId: string | null;
  /** Called when the dialog of a change that was made closes: the page switches to its re-run. */
  onChanged: ((change: AppliedChange) => void) | null;
}

const FixApplyContext = createContext<FixApplyValue>({ diagnosisId: null, onChanged: null });

/** Lets the fix cards below apply fixes of diagnosis `diagnosisId`, and tells `onChanged` once one was applied. */
export function FixApplyProvider({ diagnosisId, onChanged = null, children }: { diagnosisId: string | null; onChanged?: ((change: AppliedChange) => void) | null; children: React.ReactNode }) {
  const value = useMemo(() => ({ diagnosisId, onChanged }), [diagnosisId, onChanged]);
  return <FixApplyContext.Provider value={value}>{children}</FixApplyContext.Provider>;
}

/** The id of the diagnosis the fixes belong to, or null. */
export function useFixDiagnosisId(): string | null {
  return useContext(FixApplyContext).diagnosisId;
}

/** What to call once a change made from this page is done and its dialog closes (null: nothing to switch). */
export function useOnChanged(): ((change: AppliedChange) => void) | null {
  return useContext(FixApplyContext).onChanged;
}
