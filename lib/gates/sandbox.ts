/**
 * The sandbox half of the registry: the OpenAPI actions each gate's product answers from the
 * world, keyed by the same kinds as lib/gates/registry.ts (the compiler refuses a registered
 * gate without them). Only lib/sandbox imports this file.
 */
import type { ActionTable } from '@/lib/sandbox/openapi/actions/types';

import { GATE_KINDS } from './registry';
import type { GateKind } from './types';

/** What the sandbox serves for one gate. */
export interface GateSandbox {
  /** Endpoint code of its product (`cloudfw`): the sandbox points `ALIBABA_CLOUD_ENDPOINT_<CODE>` at itself. */
  endpointCode: string;
  /** Product name in error recommendations (`Cloudfw`). */
  productName: string;
  /** OpenAPI version its actions answer (`2017-12-07`). */
  version: string;
  actions: ActionTable;
}

/** Every gate's sandbox part. Adding a gate: one line here. */
export const GATE_SANDBOXES: { readonly [K in GateKind]: GateSandbox } = {
};

/** The gates' sandbox parts, in registry order. */
export const GATE_SANDBOX_LIST: readonly GateSandbox[] = GATE_KINDS.map((kind) => GATE_SANDBOXES[kind]);
