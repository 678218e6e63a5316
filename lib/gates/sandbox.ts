/**
 * The sandbox half of the registry: the OpenAPI actions each gate's product answers from the
 * world (or the server of its own a product with another protocol needs), keyed by the same kinds as lib/gates/registry.ts (the compiler refuses a registered
 * gate without them). Only lib/sandbox imports this file.
 */
import type { ActionTable } from '@/lib/sandbox/openapi/actions/types';
import type { World, WorldFaults } from '@/lib/schemas/world';

import { bucketPolicySandbox } from './bucket-policy/sandbox';
import { cloudFirewallActions } from './cloud-firewall/sandbox';
import { nasAccessGroupActions } from './nas-access-group/sandbox';
import { GATE_KINDS } from './registry';
import type { GateKind } from './types';

/** A server of its own that a gate's product needs (a protocol other than OpenAPI, e.g. OSS's REST API). */
export interface GateServer {
  /** `http://127.0.0.1:PORT`: `ALIBABA_CLOUD_ENDPOINT_<CODE>` points here instead of the OpenAPI endpoint. */
  endpoint: string;
  setWorld(world: World): void;
  /** Replaces the world's faults (`faults.cloud` entries name its operations as actions). */
  setWorldFaults(faults: WorldFaults | undefined): void;
  /** The operations it answered, as actions (for the fault matrix). */
  calls(): Array<{ action: string }>;
  resetCalls(): void;
  close(): Promise<void>;
}

/** What a gate's server is started with: the world, and the AccessKeys the sandbox accepts (permanent and STS). */
export interface GateServerContext {
  world: World;
  secretOf(accessKeyId: string): string | undefined;
  checkSecurityToken(accessKeyId: string, securityToken: string | undefined, now: number): void;
}

/** What the sandbox serves for one gate. */
export interface GateSandbox {
  /** Endpoint code of its product (`cloudfw`): the sandbox points `ALIBABA_CLOUD_ENDPOINT_<CODE>` at itself. */
  endpointCode: string;
  /** Product name in error recommendations (`Cloudfw`). */
  productName: string;
  /** OpenAPI version its actions answer (`2017-12-07`). */
  version: string;
  actions: ActionTable;
  /** Started beside the OpenAPI endpoint when the product speaks its own protocol. */
  server?: (context: GateServerContext) => Promise<GateServer>;
}

/** Every gate's sandbox part. Adding a gate: one line here. */
export const GATE_SANDBOXES: { readonly [K in GateKind]: GateSandbox } = {
  cloudFirewall: { endpointCode: 'cloudfw', productName: 'Cloudfw', version: '2017-12-07', actions: cloudFirewallActions },
  bucketPolicy: bucketPolicySandbox,
  nasAccessGroup: { endpointCode: 'nas', productName: 'NAS', version: '2017-06-26', actions: nasAccessGroupActions },
};

/** The gates' sandbox parts, in registry order. */
export const GATE_SANDBOX_LIST: readonly GateSandbox[] = GATE_KINDS.map((kind) => GATE_SANDBOXES[kind]);
