/** The sandbox's actions, by API version then action name (ECS and R-KVStore share `DescribeInstances`). */
import { GATE_SANDBOX_LIST } from '@/lib/gates/sandbox';

import { ddsActions } from './dds';
import { ecsActions } from './ecs';
import { ecsWriteActions } from './ecs-write';
import { polardbActions } from './polardb';
import { pvtzActions } from './pvtz';
import { rKvstoreActions } from './r-kvstore';
import { rdsActions } from './rds';
import { slbActions } from './slb';
import { slbWriteActions } from './slb-write';
import { stsActions } from './sts';
import type { ActionDefinition, ActionTable } from './types';
import { vpcActions } from './vpc';
import { vpcWriteActions } from './vpc-write';
import { ddsWriteActions, polardbWriteActions, rdsWriteActions, rKvstoreWriteActions } from './whitelist-write';

const actionsByVersion: Record<string, ActionTable> = {
  '2014-05-26': { ...ecsActions, ...ecsWriteActions },
  '2016-04-28': { ...vpcActions, ...vpcWriteActions },
  '2014-05-15': { ...slbActions, ...slbWriteActions },
  '2014-08-15': { ...rdsActions, ...rdsWriteActions },
  '2015-01-01': { ...rKvstoreActions, ...rKvstoreWriteActions },
  '2018-01-01': pvtzActions,
  '2015-04-01': stsActions,
  '2017-08-01': { ...polardbActions, ...polardbWriteActions },
  '2015-12-01': { ...ddsActions, ...ddsWriteActions },
};

// The gates' products (lib/gates/sandbox.ts): their own versions, or beside a built-in one's actions.
for (const gate of GATE_SANDBOX_LIST) actionsByVersion[gate.version] = { ...actionsByVersion[gate.version], ...gate.actions };

/** The definition of `action` in API `version`, undefined when the sandbox does not serve it. */
export function findAction(version: string, action: string): ActionDefinition | undefined {
  const table = actionsByVersion[version];
  return table !== undefined && Object.hasOwn(table, action) ? table[action] : undefined;
}
