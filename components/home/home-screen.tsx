'use client';

import { useRouter, useSearchParams } from 'next/navigation';

import { useQueryClient } from '@tanstack/react-query';

import { podsQueryOptions } from '@/lib/queries/clusters';

import { Card } from '@/components/ui/card';
import { DestinationForm } from '@/components/diagnose-form/destination-form';
import { RecentDiagnoses } from '@/components/diagnosis/recent-diagnoses';
import { PodBrowser } from '@/components/pod-browser/pod-browser';

/** The first screen: pick a pod, then a destination. The selection lives in the URL. */
export function HomeScreen() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
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

  const selectedPodKnown =
    cluster !== null && namespace !== null && pod !== null && (queryClient.getQueryData(podsQueryOptions(cluster, namespace).queryKey)?.pods.some((item) => item.name === pod) ?? true);

  return (
    <div className="space-y-4">
      <RecentDiagnoses />
      <PodBrowser
        cluster={cluster}
        namespace={namespace}
        selectedPod={pod}
        onClusterChange={(value) => navigate({ cluster: value, namespace: null, pod: null })}
        onNamespaceChange={(value) => navigate({ namespace: value, pod: null })}
        onSelectPod={(selection) => navigate({ cluster: selection.cluster, namespace: selection.namespace, pod: selection.pod.name })}
      />
      {cluster !== null && namespace !== null && pod !== null && selectedPodKnown ? (
        <Card className="p-4">
          <DestinationForm
            key={`${cluster}/${namespace}/${pod}`}
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
