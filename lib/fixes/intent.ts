/**
 * Denies that look deliberate, and the fix that respects them. A rule with a description, an
 * explicit `except`, a policy named as a deny: someone meant it. Such a hop leads with "This
 * looks intentional", offers the path the control asks for (the proxy its description names,
 * or its owner), and marks every removal or bypass as an exception with its blast radius. Pure.
 */
import { english, messageOf, msg, textOf, type Message, type MessageParam, type Text } from '@/lib/analysis/message';
import type { FactRef, Fix, Intent } from '@/lib/analysis/model';

import { manualFix, type ManualFix } from './cloud-fixes';
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
  return english(intentMessage(intent));
}

/** The control's label as a message parameter: its message when it has one. */
function controlLabel(control: FactRef): MessageParam {
  return control.labelMessage ?? control.label;
}

/** `intentSentence` as a message. */
export function intentMessage(intent: Intent): Message {
  const params = { control: controlLabel(intent.control), says: intent.says };
  switch (intent.signal) {
    case 'description':
      return msg('analysis.intent.says', params);
    case 'except':
      return msg('analysis.intent.excludes', params);
    case 'namedDeny':
      return msg('analysis.intent.named', params);
    default: {
      const exhaustive: never = intent.signal;
      throw new Error(`unhandled intent signal ${String(exhaustive)}`);
    }
  }
}

/** A manual fix whose sentences are messages: the English text rendered from them, the messages kept beside it. */
export function withMessages(
  base: Pick<ManualFix, 'id' | 'target' | 'verify'>,
  sentences: { title: Message; description: Message; risk: Message; steps: Message[] },
): ManualFix {
  return manualFix({
    ...base,
    title: english(sentences.title),
    titleMessage: sentences.title,
    description: english(sentences.description),
    descriptionMessage: sentences.description,
    risk: english(sentences.risk),
    riskMessage: sentences.risk,
    steps: sentences.steps.map(english),
    stepMessages: sentences.steps,
  });
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
    const control = controlLabel(intent.control);
    // The proxy's name is the description's own words ("egress proxy"), shown as the rule says them.
    const named = proxy.replace(/^the /, '');
    const placeholder = '<PROXY_HOST>:<PROXY_PORT>';
    return withMessages(
      {
        id: `${input.idPrefix}-use-proxy`,
        target: intent.control,
        verify: [kubectlExec(flow, `nc -vz <PROXY_HOST> <PROXY_PORT>`), kubectlExec(flow, `curl -sS -o /dev/null -w '%{http_code}\\n' -x http://<PROXY_HOST>:<PROXY_PORT> https://${flow.host}:${flow.port}/`)],
      },
      {
        title: msg('analysis.intent.useProxyTitle', { destination, proxy: named, control }),
        description: msg('analysis.intent.useProxyDescription', { intent: intentMessage(intent), proxy: named, control }),
        risk: msg('analysis.intent.useProxyRisk', { proxy: named, destination }),
        steps: [
          msg('analysis.intent.useProxyFind', { proxy: named, control, placeholder }),
          msg('analysis.intent.useProxyConfigure', { pod: `${flow.namespace}/${flow.pod}`, setting: `HTTPS_PROXY=http://${placeholder}` }),
          msg('analysis.intent.useProxyLeave', { control }),
        ],
      },
    );
  }
  const control = controlLabel(intent.control);
  return withMessages(
    { id: `${input.idPrefix}-ask-owner`, target: intent.control },
    {
      title: msg('analysis.intent.askOwnerTitle', { control }),
      description: msg('analysis.intent.askOwnerDescription', { intent: intentMessage(intent), destination }),
      risk: msg('analysis.intent.askOwnerRisk'),
      steps: [
        msg('analysis.intent.askOwnerAsk', { control, pod: `${flow.namespace}/${flow.pod}`, destination }),
        msg('analysis.intent.askOwnerSanctioned'),
        msg('analysis.intent.askOwnerGranted'),
      ],
    },
  );
}

/** Marks a removal or bypass of a deliberate control as an exception with its blast radius. */
export function asException<F extends Fix>(fix: F, blastRadius: Text): F {
  const title = msg('analysis.fix.exceptionTitle', { title: fix.titleMessage ?? fix.title });
  const blastRadiusMessage = messageOf(blastRadius);
  return { ...fix, title: english(title), titleMessage: title, exception: { blastRadius: textOf(blastRadius), ...(blastRadiusMessage ? { blastRadiusMessage } : {}) } };
}

/**
 * The fixes of a hop whose deny may be deliberate: with an intent, the respecting fix first
 * and every other fix marked as an exception (`blastRadius(fix)`); without, unchanged.
 */
export function rankByIntent(input: { intent: Intent | null; idPrefix: string; flow: FlowToVerify; fixes: Fix[]; blastRadius: (fix: Fix) => Text }): Fix[] {
  if (input.intent === null) return input.fixes;
  return [respectIntentFix({ idPrefix: input.idPrefix, intent: input.intent, flow: input.flow }), ...input.fixes.map((fix) => asException(fix, input.blastRadius(fix)))];
}
