/** The Alibaba Cloud adapter: SDK clients, error mapping and one reader per action family. */
import 'server-only';

export { createCloudClients, type CloudClientOptions, type CloudClients, type CloudProduct } from './clients';
export { toUpstreamError } from './errors';
export { describeEips } from './eips';
export { describeNatGateways, describeSnatEntries } from './nat-gateways';
export { describeNetworkAcls } from './network-acls';
export { describeNetworkInterfaces, type NetworkInterfaceFilter } from './network-interfaces';
export { describeRouteTables } from './route-tables';
export { describePortRangeLists, describePrefixLists } from './rule-lists';
export { describeSecurityGroups } from './security-groups';
export { describeSlbAcls, findLoadBalancerByAddress } from './load-balancers';
export { describeVSwitches } from './vswitches';
export { describeMongoWhitelist, describePolardbWhitelist } from './service-whitelists';
export { describeRdsWhitelist, describeRedisWhitelist } from './whitelists';
export {
  applyWhitelistChange,
  callCloudAction,
  previewCloudFix,
  type AlicloudFix,
  type CloudActionCall,
  type CloudCallResult,
  type CloudFixPreview,
  type CloudWriteProduct,
  type StaleState,
} from './write';
