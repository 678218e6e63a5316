/**
 * The NAS section of a world file (`cloud.nasAccessGroup`, docs/world-format.md): mount targets,
 * permission groups and their rules, in the PascalCase shapes the NAS 2017-06-26 actions answer
 * (each mount target also names its file system, which DescribeMountTargets takes as a
 * parameter). Pure.
 */
import { z } from 'zod';

const fileSystemType = z.enum(['standard', 'extreme']);

/** DescribeMountTargets → MountTargets.MountTarget[] item, with the file system it belongs to. */
const mountTargetSchema = z.looseObject({
  FileSystemId: z.string().min(1),
  MountTargetDomain: z.string().min(1),
  AccessGroup: z.string().min(1).default('DEFAULT_VPC_GROUP_NAME'),
  NetworkType: z.enum(['Vpc', 'Classic']).default('Vpc'),
  /** Active (mountable), Inactive, Pending, Deleting, Hibernating, Hibernated. */
  Status: z.enum(['Active', 'Inactive', 'Pending', 'Deleting', 'Hibernating', 'Hibernated']).default('Active'),
  VpcId: z.string().regex(/^vpc-/, 'a VPC id starts with vpc-').optional(),
  VswId: z.string().regex(/^vsw-/, 'a vSwitch id starts with vsw-').optional(),
});

/** DescribeAccessGroups → AccessGroups.AccessGroup[] item. */
const accessGroupSchema = z.looseObject({
  AccessGroupName: z.string().min(1),
  AccessGroupType: z.enum(['Vpc', 'Classic']).default('Vpc'),
  FileSystemType: fileSystemType.default('standard'),
  Description: z.string().default(''),
});

/** DescribeAccessRules → AccessRules.AccessRule[] item, with its group. */
const accessRuleSchema = z.looseObject({
  AccessGroupName: z.string().min(1),
  FileSystemType: fileSystemType.default('standard'),
  AccessRuleId: z.string().min(1),
  SourceCidrIp: z.string().default(''),
  Ipv6SourceCidrIp: z.string().optional(),
  RWAccess: z.enum(['RDWR', 'RDONLY']).default('RDWR'),
  UserAccess: z.enum(['no_squash', 'root_squash', 'all_squash']).default('no_squash'),
  /** 1–100, 1 the highest. */
  Priority: z.number().int().min(1).max(100).default(1),
});

export const nasAccessGroupWorldSchema = z.object({
  mountTargets: z.array(mountTargetSchema).default([]),
  /** Permission groups besides DEFAULT_VPC_GROUP_NAME, which every account has (it allows everything). */
  accessGroups: z.array(accessGroupSchema).default([]),
  accessRules: z.array(accessRuleSchema).default([]),
});
export type NasAccessGroupWorld = z.infer<typeof nasAccessGroupWorldSchema>;
export type NasWorldMountTarget = z.infer<typeof mountTargetSchema>;
export type NasWorldAccessRule = z.infer<typeof accessRuleSchema>;
