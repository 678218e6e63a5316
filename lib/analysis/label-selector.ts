/**
 * Kubernetes label selectors (`metav1.LabelSelector`), evaluated as the API server does.
 */
import type { LabelSelector, Labels } from './model';

type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

function matchesRequirement(requirement: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key] ?? '');
    case 'NotIn':
      // NOTE: upstream, NotIn also matches objects that lack the key.
      return !has || !values.includes(labels[requirement.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default: {
      const unreachable: never = requirement.operator;
      throw new Error(`unknown label selector operator ${String(unreachable)}`);
    }
  }
}

/**
 * True when `labels` satisfy `selector`: every `matchLabels` pair and every
 * `matchExpressions` requirement (ANDed). An empty selector matches everything.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  if (!pairs.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value)) return false;
  return (selector.matchExpressions ?? []).every((requirement) => matchesRequirement(requirement, labels));
}

/** True when the selector has neither labels nor expressions, i.e. selects everything. */
export function isEmptyLabelSelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * The selector in `kubectl` notation (`app=web,tier in (a,b),!legacy`), or `{}`
 * for the empty selector; used in evidence tables.
 */
export function formatLabelSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const requirement of selector.matchExpressions ?? []) {
    const values = (requirement.values ?? []).join(',');
    switch (requirement.operator) {
      case 'In':
        parts.push(`${requirement.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${requirement.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(requirement.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${requirement.key}`);
        break;
      default: {
        const unreachable: never = requirement.operator;
        throw new Error(`unknown label selector operator ${String(unreachable)}`);
      }
    }
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}
