'use client';

import { useSyncExternalStore } from 'react';
import { z } from 'zod';

import type { DiagnosisRunRequest } from '@/lib/queries/diagnoses';

const STORAGE_KEY = 'egress-doctor:recent';
const LIMIT = 10;
const CHANGE_EVENT = 'egress-doctor:recent-change';

const recentSchema = z.array(
  z.object({
    request: z.object({
      cluster: z.string(),
      namespace: z.string(),
      pod: z.string(),
      destination: z.string(),
      port: z.number().int(),
      protocol: z.enum(['tcp', 'udp', 'sctp']),
    }),
    verdict: z.enum(['reachable', 'blocked', 'unknown']).nullable(),
    id: z.string().nullable(),
    /** ISO time it was last run. */
    at: z.string(),
  }),
);
export type RecentDiagnosis = z.infer<typeof recentSchema>[number];

/** The same request, whatever verdict or id it got. */
export function isSameRequest(a: DiagnosisRunRequest, b: DiagnosisRunRequest): boolean {
  return a.cluster === b.cluster && a.namespace === b.namespace && a.pod === b.pod && a.destination === b.destination && a.port === b.port && a.protocol === b.protocol;
}

/** The `/diagnose?…` URL that runs `request`. */
export function diagnoseHref(request: DiagnosisRunRequest): string {
  const params = new URLSearchParams({ cluster: request.cluster, namespace: request.namespace, pod: request.pod, to: request.destination, port: String(request.port), protocol: request.protocol });
  return `/diagnose?${params.toString()}`;
}

const EMPTY: RecentDiagnosis[] = [];
let cachedText: string | null = null;
let cachedList: RecentDiagnosis[] = EMPTY;

function readRecent(): RecentDiagnosis[] {
  const text = window.localStorage.getItem(STORAGE_KEY);
  if (text === cachedText) return cachedList;
  cachedText = text;
  // NOTE: a corrupt or outdated entry (another version of the app) reads as no history, not as an error.
  const parsed = recentSchema.safeParse(text === null ? [] : safeJson(text));
  cachedList = parsed.success ? parsed.data : EMPTY;
  return cachedList;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Puts the request first in the list (at most 10, one entry per request). */
export function rememberDiagnosis(entry: RecentDiagnosis): void {
  const next = [entry, ...readRecent().filter((item) => !isSameRequest(item.request, entry.request))].slice(0, LIMIT);
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch (error) {
    // NOTE: storage full or disabled (private mode): history is a convenience, keep going.
    console.warn('Could not save recent diagnoses', error);
    return;
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** The last 10 diagnoses of this browser, newest first; empty on the server. */
export function useRecentDiagnoses(): RecentDiagnosis[] {
  return useSyncExternalStore(subscribe, readRecent, () => EMPTY);
}
