'use client';

import { Select } from '@/components/ui/input';

/**
 * The cluster picker of the pod browser and the namespace audit: the kubeconfig's contexts,
 * with a "choose" placeholder while none is chosen.
 */
export function ClusterSelect({ clusters, value, onChange, placeholder, className }: { clusters: ReadonlyArray<{ name: string }>; value: string | null; onChange: (name: string) => void; placeholder: string; className?: string }) {
  return (
    <Select className={className} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
      {value === null ? (
        <option value="" disabled>
          {placeholder}
        </option>
      ) : null}
      {clusters.map((item) => (
        <option key={item.name} value={item.name} data-verbatim>
          {item.name}
        </option>
      ))}
    </Select>
  );
}
