/**
 * Denies that look deliberate, and the fix that respects them. A rule with a description, an
 * explicit `except`, a policy named as a deny: someone meant it. Such a hop leads with "This
 * looks intentional", offers the path the control asks for (the proxy its description names,
 * or its owner), and marks every removal or bypass as an exception with its blast radius. Pure.
 */
import type { FactRef, Fix, Intent } from '@/lib/analysis/model';

import { manualFix } from './cloud-fixes';
import { kubectlExec, type FlowToVerify } from './verify';

/** Policy or entry names that announce a deny. */
const DENY_NAME = /(^|[-_.])(deny|block|blocked|drop|isolate|isolation|lockdown|quarantine|restrict|restricted)([-_.]|$)/i;

/** Baseline names (`default-deny`, `deny-all`, `deny-all-egress`): a posture that expects allow policies beside it. */
const BASELINE_NAME = /^(default-deny|deny-all|deny-by-default)([-_.](egress|ingress|traffic))?$/i;

/**
 * True when a name announces a targeted deny (`deny-internet-https`, `block-partner`,
 * `lockdown`). A baseline default deny is not one: allowing a flow next to it is its normal use.
 */
export function isDenyName(name: string): boolean {
  return DENY_NAME.test(name) && !BASELINE_NAME.test(name);
}

/**
 * The intent of a deny: its description when it has one, else its name when the name
 * announces a deny; null when nothing shows intent.
 */
export function intentOf(control: FactRef, description: string | null | undefined, name: string | null = null): Intent | null {
  const says = description?.trim() ?? '';
  if (says !== '') return { control, signal: 'description', says };
  if (name !== null && isDenyName(name)) return { control, signal: 'namedDeny', says: name };
  return null;
}

/** "the egress proxy", "the payment proxy": the proxy or gateway a description names, or null. */
export function namedProxy(says: string): string | null {
  const match = /\b(?:the\s+|an?\s+)?((?:[\w-]+\s+)?(?:proxy|gateway))\b/i.exec(says);
  const phrase = match?.[1]?.trim();
  if (!phrase) return null;
  const words = phrase.split(/\s+/);
  const ignored = ['through', 'via', 'use', 'using', 'the', 'a', 'an', 'only', 'by'];
  const kept = words.filter((word, index) => index === words.length - 1 || !ignored.includes(word.toLowerCase()));
  return `the ${kept.join(' ')}`;
}

/** "This looks intentional: rule sgr-1 of sg-1 says “…”." */
export function intentSentence(intent: Intent): string {
  switch (intent.signal) {
    case 'description':
      return `This looks intentional: ${intent.control.label} says “${intent.says}”.`;
    case 'except':
      return `This looks intentional: ${intent.control.label} excludes it explicitly (${intent.says}).`;
    case 'namedDeny':
      return `This looks intentional: ${intent.control.label} is named “${intent.says}”.`;
    default: {
      const exhaustive: never = intent.signal;
      throw new Error(`unhandled intent signal ${String(exhaustive)}`);
    }
  }
}

/**
 * The fix that respects a deliberate deny, ranked first: go through the proxy its description
 * names (with the proxy's address as placeholders to fill in), or ask its owner.
 *
 * @param idPrefix the hop's fix id prefix, e.g. `securityGroup`.
 */
export function respectIntentFix(input: { idPrefix: string; intent: Intent; flow: FlowToVerify }): Fix {
  const { intent, flow } = input;
  const destination = `${flow.host}:${flow.port}`;
  const proxy = intent.signal === 'description' ? namedProxy(intent.says) : null;
  if (proxy !== null) {
    return manualFix({
      id: `${input.idPrefix}-use-proxy`,
      title: `Send ${destination} through ${proxy}, as ${intent.control.label} asks`,
      description: `${intentSentence(intent)} Point the client at ${proxy} instead of opening a direct path; nothing changes in ${intent.control.label}.`,
      risk: `None to the control: traffic takes the path it names. ${proxy.charAt(0).toUpperCase()}${proxy.slice(1)} must admit ${destination}.`,
      target: intent.control,
      steps: [
        `Find the address of ${proxy} (ask the owner of ${intent.control.label}); below it is <PROXY_HOST>:<PROXY_PORT> — replace both before running anything.`,
        `Configure the client of ${flow.namespace}/${flow.pod} (its workload, not the pod) to use it, e.g. the environment variable HTTPS_PROXY=http://<PROXY_HOST>:<PROXY_PORT>.`,
        `Leave ${intent.control.label} as it is.`,
      ],
      verify: [kubectlExec(flow, `nc -vz <PROXY_HOST> <PROXY_PORT>`), kubectlExec(flow, `curl -sS -o /dev/null -w '%{http_code}\\n' -x http://<PROXY_HOST>:<PROXY_PORT> https://${flow.host}:${flow.port}/`)],
    });
  }
  return manualFix({
    id: `${input.idPrefix}-ask-owner`,
    title: `Ask the owner of ${intent.control.label} before changing it`,
    description: `${intentSentence(intent)} Find out why before opening ${destination}: the control may be there on purpose.`,
    risk: 'None: nothing changes until the owner agrees. The exceptions below are recorded in the audit log when applied from here.',
    target: intent.control,
    steps: [
      `Ask the owner of ${intent.control.label} whether ${flow.namespace}/${flow.pod} may reach ${destination}, and by which path.`,
      'If there is a sanctioned path (a proxy, a gateway, another destination), use it and leave the control alone.',
      'If they grant an exception, apply the narrowest of the exceptions below.',
    ],
  });
}

/** Marks a removal or bypass of a deliberate control as an exception with its blast radius. */
export function asException<F extends Fix>(fix: F, blastRadius: string): F {
  return { ...fix, title: `Exception: ${fix.title}`, exception: { blastRadius } };
}

/**
 * The fixes of a hop whose deny may be deliberate: with an intent, the respecting fix first
 * and every other fix marked as an exception (`blastRadius(fix)`); without, unchanged.
 */
export function rankByIntent(input: { intent: Intent | null; idPrefix: string; flow: FlowToVerify; fixes: Fix[]; blastRadius: (fix: Fix) => string }): Fix[] {
  if (input.intent === null) return input.fixes;
  return [respectIntentFix({ idPrefix: input.idPrefix, intent: input.intent, flow: input.flow }), ...input.fixes.map((fix) => asException(fix, input.blastRadius(fix)))];
}
