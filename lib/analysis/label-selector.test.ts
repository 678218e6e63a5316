import { describe, expect, it } from 'vitest';

import { formatLabelSelector, isEmptyLabelSelector, matchesLabelSelector } from './label-selector';
import type { LabelSelector, Labels } from './model';

const web: Labels = { app: 'web', tier: 'frontend' };

describe('matchesLabelSelector', () => {
  const rows: Array<[string, LabelSelector, Labels, boolean]> = [
    ['empty selector matches every pod', {}, web, true],
    ['empty selector matches a pod without labels', {}, {}, true],
    ['matchLabels match when every pair is present', { matchLabels: { app: 'web' } }, web, true],
    ['matchLabels fail on a different value', { matchLabels: { app: 'api' } }, web, false],
    ['matchLabels fail on a missing key', { matchLabels: { team: 'a' } }, web, false],
    ['In matches a listed value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'x'] }] }, web, true],
    ['In fails when the key is absent', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] }, web, false],
    ['NotIn fails on a listed value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, web, false],
    ['NotIn matches when the key is absent', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, web, true],
    ['Exists matches a present key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, web, true],
    ['DoesNotExist fails on a present key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, web, false],
    ['DoesNotExist matches an absent key', { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, web, true],
    [
      'labels and expressions are ANDed',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
      web,
      false,
    ],
  ];
  it.each(rows)('%s', (_name, selector, labels, expected) => {
    expect(matchesLabelSelector(selector, labels)).toBe(expected);
  });
});

describe('formatLabelSelector and isEmptyLabelSelector', () => {
  it.each<[string, LabelSelector, string, boolean]>([
    ['empty selector prints {}', {}, '{}', true],
    ['empty lists are still empty', { matchLabels: {}, matchExpressions: [] }, '{}', true],
    [
      'every operator prints in kubectl notation',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      'app=web,tier in (a,b),env notin (dev),team,!legacy',
      false,
    ],
  ])('%s', (_name, selector, text, empty) => {
    expect({ text: formatLabelSelector(selector), empty: isEmptyLabelSelector(selector) }).toStrictEqual({ text, empty });
  });
});
