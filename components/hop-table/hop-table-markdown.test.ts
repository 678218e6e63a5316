import { describe, expect, it } from 'vitest';

import { blockedAtSecurityGroup, reachableInternet } from '@/components/diagnosis/__fixtures__';

import { decidedByText, hopTableMarkdown } from './hop-table-markdown';

describe('hopTableMarkdown', () => {
  it('lists every hop of a blocked diagnosis with its verdict, deciding rule and fix count, and the link', () => {
    const markdown = hopTableMarkdown(blockedAtSecurityGroup, 'https://doctor.example/d/abc');
    const rows = markdown.split('\n').filter((line) => /^\| \d/.test(line));
    expect(rows).toHaveLength(blockedAtSecurityGroup.hops.length);
    const blocking = blockedAtSecurityGroup.hops.findIndex((hop) => hop.kind === 'securityGroup');
    const hop = blockedAtSecurityGroup.hops[blocking];
    if (!hop) throw new Error('the fixture has no security group hop');
    expect(rows[blocking]).toBe(`| ${blocking + 1} | Security group | BLOCK | ${decidedByText(hop).replace(/\|/g, '\\|')} | ${hop.summary.replace(/\|/g, '\\|')} | ${hop.fixes.length} |`);
    expect(markdown).toContain('**blocked at Security group**');
    expect(markdown.trimEnd().endsWith('Diagnosis: https://doctor.example/d/abc')).toBe(true);
  });

  it('says reachable and leaves out the link when there is none', () => {
    const markdown = hopTableMarkdown(reachableInternet, null);
    expect(markdown).toContain('**reachable**');
    expect(markdown).not.toContain('Diagnosis:');
  });

  it('escapes pipes and line breaks inside cells', () => {
    const [first] = reachableInternet.hops;
    if (!first) throw new Error('the fixture has no hops');
    const tricky = { ...reachableInternet, hops: [{ ...first, summary: 'a | b\nc', reason: null }] };
    expect(hopTableMarkdown(tricky, null)).toContain('| a \\| b c |');
  });
});

describe('decidedByText', () => {
  it.each([
    ['nothing decided', null, '—'],
    ['a label that holds the id', { kind: 'securityGroupRule', id: 'sgr-1', label: 'drop 443 (sgr-1)' }, 'drop 443 (sgr-1)'],
    ['a name and an id', { kind: 'networkPolicy', id: 'shop/deny-all', label: 'deny-all' }, 'deny-all (shop/deny-all)'],
  ])('%s', (_name, decidedBy, expected) => {
    const [first] = reachableInternet.hops;
    if (!first) throw new Error('the fixture has no hops');
    expect(decidedByText({ ...first, evidence: { ...first.evidence, decidedBy } })).toBe(expected);
  });
});
