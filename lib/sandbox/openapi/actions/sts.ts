/**
 * STS 2015-04-01 `AssumeRoleWithOIDC` of the sandbox, and the temporary credentials it hands out.
 *
 * What RRSA on ACK does: the pod presents its projected service-account token (an OIDC token
 * issued by the cluster) with the RAM role's and OIDC provider's ARNs, and STS answers with an
 * `STS.`-prefixed AccessKey, its secret and a `SecurityToken`. The caller is not signed (the
 * OIDC token is the proof). Every later call signed with that key must carry the token
 * (`x-acs-security-token` in ACS3, `SecurityToken` in RPC), and stops working once it expires.
 * See https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerolewithoidc.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

import { invalidParameter, OpenApiFault } from '../fault';
import type { ActionContext, ActionTable } from './types';

/** One OIDC token the sandbox STS accepts, for one role through one OIDC provider (the role's trust policy). */
export interface OidcTrust {
  /** `acs:ram::<account>:oidc-provider/<name>`. */
  providerArn: string;
  /** `acs:ram::<account>:role/<name>`. */
  roleArn: string;
  /** The token the pod presents (the projected service-account token). */
  token: string;
  /** The token's `sub`, e.g. `system:serviceaccount:egress-doctor:acs-egress-doctor`. */
  subject: string;
  /** The token's `iss` (the cluster's OIDC issuer URL). */
  issuer: string;
}

/** Temporary credentials issued by the sandbox STS, and the checks of calls signed with them. */
export interface StsSessions {
  readonly trust: readonly OidcTrust[];
  /** Issues credentials valid `durationSeconds` from `now` (epoch ms). */
  issue(durationSeconds: number, now: number): { accessKeyId: string; accessKeySecret: string; securityToken: string; expiration: string };
  /** The secret of a temporary AccessKey, undefined when it is not one. */
  secretOf(accessKeyId: string): string | undefined;
  /**
   * Throws the gateway's error when a call signed with `accessKeyId` lacks the right security
   * token or the credentials expired; does nothing for a permanent AccessKey.
   */
  checkSecurityToken(accessKeyId: string, securityToken: string | undefined, now: number): void;
}

interface Session {
  secret: string;
  token: string;
  expiresAt: number;
}

/** The session registry of one sandbox endpoint; `trust` lists the presentations STS accepts. */
export function createStsSessions(trust: readonly OidcTrust[]): StsSessions {
  const sessions = new Map<string, Session>();
  return {
    trust,
    issue(durationSeconds, now) {
      const accessKeyId = `STS.${randomBytes(15).toString('base64url')}`;
      const accessKeySecret = randomBytes(30).toString('base64url');
      const securityToken = `CAIS${randomBytes(96).toString('base64')}`;
      const expiresAt = now + durationSeconds * 1000;
      sessions.set(accessKeyId, { secret: accessKeySecret, token: securityToken, expiresAt });
      return { accessKeyId, accessKeySecret, securityToken, expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    },
    secretOf: (accessKeyId) => sessions.get(accessKeyId)?.secret,
    checkSecurityToken(accessKeyId, securityToken, now) {
      const session = sessions.get(accessKeyId);
      if (!session) return;
      if (securityToken === undefined || securityToken === '') {
        throw new OpenApiFault(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
      }
      const presented = Buffer.from(securityToken);
      const expected = Buffer.from(session.token);
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
        throw new OpenApiFault(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'The security token you provided does not match the access key.');
      }
      if (now >= session.expiresAt) {
        throw new OpenApiFault(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
      }
    },
  };
}

const arnPattern = /^acs:ram::(\d+):(oidc-provider|role)\/(.+)$/;

function assumeRoleWithOidc({ params, sessions }: ActionContext): Record<string, unknown> {
  const providerArn = params.require('OIDCProviderArn');
  const roleArn = params.require('RoleArn');
  const token = params.require('OIDCToken');
  const sessionName = params.require('RoleSessionName');
  if (!/^[\w.@-]{2,64}$/.test(sessionName)) throw invalidParameter('RoleSessionName', sessionName);
  const duration = Number(params.get('DurationSeconds') ?? '3600');
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) throw invalidParameter('DurationSeconds', String(params.get('DurationSeconds')));
  const providerMatch = arnPattern.exec(providerArn);
  const roleMatch = arnPattern.exec(roleArn);
  if (providerMatch?.[2] !== 'oidc-provider') throw invalidParameter('OIDCProviderArn', providerArn);
  if (roleMatch?.[2] !== 'role') throw invalidParameter('RoleArn', roleArn);
  if (token.length < 4 || token.length > 20_000) throw invalidParameter('OIDCToken', '***');

  const ofProvider = sessions.trust.filter((entry) => entry.providerArn === providerArn);
  if (ofProvider.length === 0) throw new OpenApiFault(404, 'EntityNotExist.OIDCProvider', `The specified OIDC provider does not exist: ${providerArn}.`);
  const ofRole = ofProvider.filter((entry) => entry.roleArn === roleArn);
  if (ofRole.length === 0) throw new OpenApiFault(404, 'EntityNotExist.Role', `The specified Role does not exist or is not trusted by the OIDC provider: ${roleArn}.`);
  const trusted = ofRole.find((entry) => entry.token === token);
  if (!trusted) throw new OpenApiFault(400, 'AuthenticationFail.OIDCToken.Invalid', 'The OIDC token is invalid: its signature, issuer or audience does not match the OIDC provider.');

  const credentials = sessions.issue(duration, Date.now());
  const roleName = roleMatch[3] ?? '';
  const roleId = `3${randomBytes(8).readBigUInt64BE().toString().padStart(16, '0').slice(0, 16)}`;
  return {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      AccessKeySecret: credentials.accessKeySecret,
      SecurityToken: credentials.securityToken,
      Expiration: credentials.expiration,
    },
    AssumedRoleUser: {
      Arn: `acs:ram::${roleMatch[1] ?? ''}:role/${roleName}/${sessionName}`,
      AssumedRoleId: `${roleId}:${sessionName}`,
    },
    OIDCTokenInfo: { Subject: trusted.subject, Issuer: trusted.issuer, ClientIds: 'sts.aliyuncs.com' },
  };
}

/** STS 2015-04-01 actions by name. */
export const stsActions: ActionTable = {
  AssumeRoleWithOIDC: { product: 'sts', resourceType: 'role', regional: false, anonymous: true, handle: assumeRoleWithOidc },
};
