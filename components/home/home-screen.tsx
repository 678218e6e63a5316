'use client';

import { useRouter, useSearchParams } from 'next/navigation';

import { useQuery } from '@tanstack/react-query';

import { podsQueryOptions } from '@/lib/queries/clusters';

import { Card } from '@/components/ui/card';
import { DestinationForm } from '@/components/diagnose-form/destination-form';
import { RecentDiagnoses } from '@/components/diagnosis/recent-diagnoses';
import { PodBrowser } from '@/components/pod-browser/pod-browser';

/**
 * Brings the destination form into view when a pod is picked (on a phone it mounts below
 * the fold); `nearest` leaves it where it is when it is already visible.
 */
function scrollIntoViewOnMount(element: HTMLDivElement | null): void {
  element?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/** The first screen: pick a pod, then a destination. The selection lives in the URL. */
export function HomeScreen() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const cluster = searchParams.get('cluster');
  const namespace = searchParams.get('namespace');
  const pod = searchParams.get('pod');

  const navigate = (next: Record<string, string | null>) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(next)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    router.replace(`/?${params.toString()}`, { scroll: false });
  };

  // NOTE: shares its cache with the pod browser's list; the form waits until the pod is known to exist.
  const pods = useQuery({ ...podsQueryOptions(cluster ?? '', namespace ?? ''), enabled: cluster !== null && namespace !== null && pod !== null });
  const selectedPodKnown = pod !== null && (pods.data?.pods.some((item) => item.name === pod) ?? false);

  return (
    <div className="space-y-4">
      <RecentDiagnoses />
      <PodBrowser
        cluster={cluster}
        namespace={namespace}
        selectedPod={pod}
        onClusterChange={(value) => navigate({ cluster: value, namespace: null, pod: null })}
        onNamespaceChange={(value) => navigate({ namespace: value, pod: null })}
        onSelectPod={(selection) => navigate({ cluster: selection.cluster, namespace: selection.namespace, pod: selection.pod })}
      />
      {cluster !== null && namespace !== null && selectedPodKnown ? (
        <Card key={`${cluster}/${namespace}/${pod}`} className="scroll-mt-4 p-4" ref={scrollIntoViewOnMount}>
          <DestinationForm
            sourceLabel={`${cluster} / ${namespace} / ${pod}`}
            onSubmit={(request) => {
              const params = new URLSearchParams({ cluster, namespace, pod, to: request.destination, port: String(request.port), protocol: request.protocol });
              router.push(`/diagnose?${params.toString()}`);
            }}
          />
        </Card>
      ) : null}
    </div>
  );
}
