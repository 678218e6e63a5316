/**
 * Label and field selectors as kube-apiserver parses them from `labelSelector` and
 * `fieldSelector` query parameters. Parsing errors become 400 BadRequest.
 */
import { ApiStatusError } from './status';

export type LabelRequirement =
  | { operator: 'equals'; key: string; value: string }
  | { operator: 'notEquals'; key: string; value: string }
  | { operator: 'in'; key: string; values: string[] }
  | { operator: 'notIn'; key: string; values: string[] }
  | { operator: 'exists'; key: string }
  | { operator: 'doesNotExist'; key: string };

export interface FieldRequirement {
  field: string;
  operator: 'equals' | 'notEquals';
  value: string;
}

const keyPattern = '[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?';
const valuePattern = '([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)?';
const setRequirement = new RegExp(`^(${keyPattern})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const equalityRequirement = new RegExp(`^(${keyPattern})\\s*(==|!=|=)\\s*(${valuePattern})$`);
const existsRequirement = new RegExp(`^(${keyPattern})$`);
const doesNotExistRequirement = new RegExp(`^!\\s*(${keyPattern})$`);
const valueOnly = new RegExp(`^${valuePattern}$`);

/**
 * Parses `a=b,c!=d,e in (x,y),f notin (z),g,!h`; `=` and `==` are the same.
 * An empty selector yields no requirements (matches everything).
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTopLevel(selector).map((part) => parseLabelRequirement(part, selector));
}

function parseLabelRequirement(part: string, selector: string): LabelRequirement {
  const set = setRequirement.exec(part);
  if (set) {
    const key = set[1] ?? '';
    const values = (set[4] ?? '').split(',').map((value) => value.trim());
    if (values.some((value) => !valueOnly.test(value))) throw invalidLabelSelector(selector);
    return set[3] === 'in' ? { operator: 'in', key, values } : { operator: 'notIn', key, values };
  }
  const equality = equalityRequirement.exec(part);
  if (equality) {
    const key = equality[1] ?? '';
    const value = equality[4] ?? '';
    return equality[3] === '!=' ? { operator: 'notEquals', key, value } : { operator: 'equals', key, value };
  }
  const doesNotExist = doesNotExistRequirement.exec(part);
  if (doesNotExist) return { operator: 'doesNotExist', key: doesNotExist[1] ?? '' };
  const exists = existsRequirement.exec(part);
  if (exists) return { operator: 'exists', key: exists[1] ?? '' };
  throw invalidLabelSelector(selector);
}

/** True when the labels satisfy every requirement (Kubernetes semantics: `!=` and `notin` match absent keys). */
export function matchesLabels(requirements: readonly LabelRequirement[], labels: Record<string, string>): boolean {
  return requirements.every((requirement) => {
    const value = Object.hasOwn(labels, requirement.key) ? labels[requirement.key] : undefined;
    switch (requirement.operator) {
      case 'equals':
        return value === requirement.value;
      case 'notEquals':
        return value !== requirement.value;
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notIn':
        return value === undefined || !requirement.values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'doesNotExist':
        return value === undefined;
      default: {
        const exhaustive: never = requirement;
        throw new Error(`unhandled label requirement ${JSON.stringify(exhaustive)}`);
      }
    }
  });
}

/**
 * Parses `metadata.name=x,status.phase!=Running`. Only `allowedFields` may appear;
 * any other field is rejected like kube-apiserver does (`field label not supported`).
 */
export function parseFieldSelector(selector: string, allowedFields: readonly string[]): FieldRequirement[] {
  return splitTopLevel(selector).map((part) => {
    const match = /^([A-Za-z][A-Za-z0-9.]*)\s*(==|!=|=)\s*(.*)$/.exec(part);
    if (!match) {
      throw new ApiStatusError(400, 'BadRequest', `invalid selector: '${selector}'; can't understand '${part}'`);
    }
    const field = match[1] ?? '';
    if (!allowedFields.includes(field)) {
      throw new ApiStatusError(400, 'BadRequest', `field label not supported: ${field}`);
    }
    return { field, operator: match[2] === '!=' ? 'notEquals' : 'equals', value: (match[3] ?? '').trim() };
  });
}

/** True when every field requirement holds; `valueOf` returns `''` for absent fields. */
export function matchesFields(requirements: readonly FieldRequirement[], valueOf: (field: string) => string): boolean {
  return requirements.every((requirement) => {
    const equal = valueOf(requirement.field) === requirement.value;
    return requirement.operator === 'equals' ? equal : !equal;
  });
}

/** Splits on commas outside parentheses, trimming and dropping empty parts. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of selector) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function invalidLabelSelector(selector: string): ApiStatusError {
  return new ApiStatusError(400, 'BadRequest', `unable to parse requirement: invalid label selector: '${selector}'`);
}
