/**
 * Which fixes of the original diagnosis make the change a what-if edit imagines: the way from
 * "what if" to "apply it". The link opens the fix on the original diagnosis, whose apply flow
 * previews against freshly read facts — nothing is ever applied from the hypothetical picture. Pure.
 */
import type { DiagnosisView, FixView } from '@/lib/schemas/diagnosis';
import type { WhatIfEdit, WhatIfFixLink } from '@/lib/schemas/what-if';

type AlicloudFixView = Extract<FixView, { kind: 'alicloud' }>;

const isAction = (fix: FixView, actions: readonly string[]): fix is AlicloudFixView => fix.kind === 'alicloud' && actions.includes(fix.action);

/** Whether `fix` makes the change `edit` describes (same object, same kind of change). */
export function fixMatchesEdit(fix: FixView, edit: WhatIfEdit): boolean {
  switch (edit.kind) {
    case 'addSecurityGroupRule': {
      const action = edit.direction === 'egress' ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroup';
      return edit.policy === 'accept' && isAction(fix, [action]) && fix.parameters.SecurityGroupId === edit.securityGroupId;
    }
    case 'removeSecurityGroupRule':
      return isAction(fix, ['RevokeSecurityGroupEgress', 'RevokeSecurityGroup']) && fix.target.id === edit.ruleId;
    case 'addNetworkAclEntry':
    case 'removeNetworkAclEntry':
      return isAction(fix, ['UpdateNetworkAclEntries']) && fix.parameters.NetworkAclId === edit.networkAclId;
    case 'addNetworkPolicy':
      return fix.kind === 'kubernetes' && fix.target.kind === 'networkPolicy' && fix.target.id.startsWith(`${edit.policy.namespace}/`);
    case 'removeNetworkPolicy':
      return fix.kind === 'kubernetes' && fix.target.kind === 'networkPolicy' && fix.target.id === `${edit.namespace}/${edit.name}`;
    case 'addWhitelistEntry':
    case 'removeWhitelistEntry':
      return isAction(fix, ['ModifySecurityIps']);
    case 'addSnatEntry':
      return isAction(fix, ['CreateSnatEntry']) && fix.target.id === edit.natGatewayId;
    case 'removeSnatEntry':
      return isAction(fix, ['DeleteSnatEntry']) && fix.target.id === edit.snatEntryId;
    default: {
      const exhaustive: never = edit;
      throw new Error(`invariant: unknown what-if edit ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** For each edit, the fixes of `base` that make it, linked to their card on the original diagnosis. */
export function findFixLinks(base: Pick<DiagnosisView, 'id' | 'hops'>, edits: readonly WhatIfEdit[]): WhatIfFixLink[] {
  return edits.flatMap((edit, index) =>
    base.hops.flatMap((hop) =>
      hop.fixes.filter((fix) => fixMatchesEdit(fix, edit)).map((fix) => ({ edit: index, hop: hop.kind, fixId: fix.id, title: fix.title, ...(fix.titleMessage ? { titleMessage: fix.titleMessage } : {}), href: `/d/${base.id ?? ''}#fix-${fix.id}` })),
    ),
  );
}
