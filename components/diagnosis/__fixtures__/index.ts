import { diagnosisSchema, type DiagnosisView } from '@/lib/schemas/diagnosis';

import blockedJson from './blocked-security-group.json';
import reachableJson from './reachable-internet.json';
import unknownJson from './unknown-rds-forbidden.json';

/** Blocked at the security group (drop rule at priority 1), two resolved addresses, cloud and manual fixes. */
export const blockedAtSecurityGroup: DiagnosisView = diagnosisSchema.parse(blockedJson);
/** Reachable over the Internet through a NAT gateway. */
export const reachableInternet: DiagnosisView = diagnosisSchema.parse(reachableJson);
/** Unknown: the RDS whitelist could not be read (Forbidden.RAM). */
export const unknownRdsForbidden: DiagnosisView = diagnosisSchema.parse(unknownJson);
