/**
 * Corefile changes as fixes: a merge patch of ConfigMap kube-system/coredns with the whole new
 * Corefile (its one key holds the whole file), the kubectl line, and the reload caveat. They
 * are manual: the new text holds placeholders only a person can fill in, and a Corefile that
 * does not parse stops CoreDNS from loading it. Pure.
 */
import type { Fix } from '@/lib/analysis/model';

import { shellQuote } from './aliyun-cli';
import { manualFix } from './cloud-fixes';

type ManualFix = Extract<Fix, { kind: 'manual' }>;

/** One line of the Corefile replaced by others (1-based). */
export interface CorefileEdit {
  line: number;
  replace: string[];
}

/** The Corefile with `edits` applied (lines not edited are kept byte for byte). */
export function editCorefile(corefile: string, edits: CorefileEdit[]): string {
  const lines = corefile.split('\n');
  const byLine = new Map(edits.map((edit) => [edit.line, edit.replace]));
  return lines.flatMap((text, index) => byLine.get(index + 1) ?? [text]).join('\n');
}

/** The steps that say how CoreDNS picks a changed Corefile up. */
export function corefileReloadSteps(context: string, reload: boolean): string[] {
  const logs = `kubectl --context ${shellQuote(context)} -n kube-system logs -l k8s-app=kube-dns --tail=50`;
  return reload
    ? [`CoreDNS's reload plugin loads the change within about 30 s (it checks every 30 s, with up to 15 s of jitter). A Corefile that does not parse is refused and the old one keeps serving: look for "plugin/reload" errors in ${logs}`]
    : [
        `This server block has no reload plugin: restart CoreDNS to load it: kubectl --context ${shellQuote(context)} -n kube-system rollout restart deployment coredns`,
        `A Corefile that does not parse makes the restarted CoreDNS pods crash: watch ${logs}`,
      ];
}

/**
 * A manual fix patching ConfigMap kube-system/coredns to the Corefile with `edits`: back up,
 * patch (`kubectl patch configmap coredns --type merge`), then the reload caveat.
 */
export function corefilePatchFix(input: {
  id: string;
  title: string;
  description: string;
  risk: string;
  context: string;
  corefile: string;
  edits: CorefileEdit[];
  /** Whether the server block changed has the `reload` plugin. */
  reload: boolean;
  verify?: string[];
}): ManualFix {
  const context = shellQuote(input.context);
  const patch = JSON.stringify({ data: { Corefile: editCorefile(input.corefile, input.edits) } });
  return manualFix({
    id: input.id,
    title: input.title,
    description: input.description,
    risk: `${input.risk} The ConfigMap holds the whole Corefile: a concurrent edit of it is overwritten, so patch from a fresh read.`,
    target: { kind: 'configMap', id: 'kube-system/coredns', label: 'ConfigMap kube-system/coredns' },
    steps: [
      `Keep the current Corefile: kubectl --context ${context} -n kube-system get configmap coredns -o yaml > coredns-backup.yaml`,
      `kubectl --context ${context} -n kube-system patch configmap coredns --type merge -p ${shellQuote(patch)}`,
      ...corefileReloadSteps(input.context, input.reload),
    ],
    ...(input.verify ? { verify: input.verify } : {}),
  });
}
