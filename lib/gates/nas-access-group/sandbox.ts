/**
 * The NAS 2017-06-26 actions the sandbox serves from the world's `cloud.nasAccessGroup` section:
 * mount targets of a file system, permission groups and their rules, in the real actions' shapes
 * (wrapped lists `MountTargets.MountTarget[]`, `AccessGroups.AccessGroup[]`,
 * `AccessRules.AccessRule[]`; `PageNumber`/`PageSize` paging, at most 100 a page). Every account
 * has DEFAULT_VPC_GROUP_NAME, whose one rule admits every address. Imported only through
 * lib/gates/sandbox.ts.
 */
import { resourceNotFound } from '@/lib/sandbox/openapi/fault';
import type { RequestParams } from '@/lib/sandbox/openapi/request-params';
import type { ActionContext, ActionTable } from '@/lib/sandbox/openapi/actions/types';

import { DEFAULT_VPC_GROUP_NAME } from './facts';
import type { NasAccessGroupWorld, NasWorldAccessRule } from './world-schema';

const EMPTY: NasAccessGroupWorld = { mountTargets: [], accessGroups: [], accessRules: [] };
const sectionOf = (context: ActionContext): NasAccessGroupWorld => context.cloud.nasAccessGroup ?? EMPTY;

/** The default group's rule: read and write from every address, root not squashed. */
const DEFAULT_RULE: NasWorldAccessRule = { AccessGroupName: DEFAULT_VPC_GROUP_NAME, FileSystemType: 'standard', AccessRuleId: '1', SourceCidrIp: '0.0.0.0/0', RWAccess: 'RDWR', UserAccess: 'no_squash', Priority: 1 };

function paged<T>(items: readonly T[], params: RequestParams): { page: T[]; answer: Record<string, number> } {
  const size = params.integer('PageSize', 10, 1, 100);
  const number = params.integer('PageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  return { page: items.slice((number - 1) * size, number * size), answer: { TotalCount: items.length, PageNumber: number, PageSize: size } };
}

const without = <T extends object>(item: T, key: string): Record<string, unknown> => Object.fromEntries(Object.entries(item).filter(([name]) => name !== key));

/** The mount targets of `FileSystemId` (404 InvalidFileSystem.NotFound when it has none), `MountTargetDomain` filtering. */
function describeMountTargets(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const fileSystemId = params.require('FileSystemId');
  const ofFileSystem = sectionOf(context).mountTargets.filter((target) => target.FileSystemId === fileSystemId);
  if (ofFileSystem.length === 0) throw resourceNotFound('InvalidFileSystem.NotFound', fileSystemId);
  const domain = params.get('MountTargetDomain')?.toLowerCase();
  const found = ofFileSystem.filter((target) => domain === undefined || target.MountTargetDomain.toLowerCase() === domain);
  const { page, answer } = paged(found, params);
  // The items do not repeat the file system id (it is the request's).
  return { ...answer, MountTargets: { MountTarget: page.map((target) => without(target, 'FileSystemId')) } };
}

const fileSystemTypeOf = (params: RequestParams): string => params.get('FileSystemType') ?? 'standard';

/** The permission groups of a file system type, the default one included; `AccessGroupName` filtering. */
function describeAccessGroups(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const type = fileSystemTypeOf(params);
  const name = params.get('AccessGroupName');
  const section = sectionOf(context);
  const groups = [
    { AccessGroupName: DEFAULT_VPC_GROUP_NAME, AccessGroupType: 'Vpc', FileSystemType: 'standard', Description: 'DEFAULT_VPC_GROUP_NAME' },
    ...section.accessGroups,
  ].filter((group) => group.FileSystemType === type && (name === undefined || group.AccessGroupName === name));
  const { page, answer } = paged(groups, params);
  return {
    ...answer,
    AccessGroups: {
      AccessGroup: page.map((group) => ({
        ...group,
        RuleCount: group.AccessGroupName === DEFAULT_VPC_GROUP_NAME ? 1 : section.accessRules.filter((rule) => rule.AccessGroupName === group.AccessGroupName && rule.FileSystemType === type).length,
        MountTargetCount: section.mountTargets.filter((target) => target.AccessGroup === group.AccessGroupName).length,
      })),
    },
  };
}

/** The rules of `AccessGroupName` (404 InvalidAccessGroup.NotFound for a group the world lacks), `AccessRuleId` filtering. */
function describeAccessRules(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const group = params.require('AccessGroupName');
  const type = fileSystemTypeOf(params);
  const section = sectionOf(context);
  const known = group === DEFAULT_VPC_GROUP_NAME || section.accessGroups.some((item) => item.AccessGroupName === group && item.FileSystemType === type);
  if (!known) throw resourceNotFound('InvalidAccessGroup.NotFound', group);
  const ruleId = params.get('AccessRuleId');
  const rules = (group === DEFAULT_VPC_GROUP_NAME ? [DEFAULT_RULE] : section.accessRules.filter((rule) => rule.AccessGroupName === group && rule.FileSystemType === type)).filter(
    (rule) => ruleId === undefined || rule.AccessRuleId === ruleId,
  );
  const { page, answer } = paged(rules, params);
  return { ...answer, AccessRules: { AccessRule: page.map((rule) => ({ ...rule, RegionId: params.get('RegionId') ?? '' })) } };
}

const read = (resourceType: string, handle: ActionTable[string]['handle']) => ({ product: 'nas', resourceType, regional: true, handle });

/** NAS 2017-06-26 actions by name. */
export const nasAccessGroupActions: ActionTable = {
  DescribeMountTargets: read('filesystem', describeMountTargets),
  DescribeAccessGroups: read('accessgroup', describeAccessGroups),
  DescribeAccessRules: read('accessgroup', describeAccessRules),
};
