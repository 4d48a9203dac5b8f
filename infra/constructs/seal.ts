// The organisation's seal: an asymmetric RSA 3072 KMS key whose private half
// never leaves KMS. The key policy itself names who may sign: the account can
// administer the key (and read its public key, to have a certificate issued)
// but not sign with it, and not create grants: no IAM policy in the account,
// however broad, lets another principal seal a document without first changing
// the key policy (a CloudTrail-logged act). Only the stamp role gets kms:Sign —
// and, while the `sealCertificateIssuer` context key names one, the operator
// who makes the key's self-signed certificate (`justera seal-certificate`):
// deploy with it, issue the certificate, deploy again without it.
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StackConfig } from '../config';
import { KEY_ADMIN_ACTIONS } from './key-admin';

/** Everything an administrator needs on the key except using it (Sign/Verify) or lending it (CreateGrant); the public key, to have a certificate issued. */
const ADMIN_ACTIONS = [...KEY_ADMIN_ACTIONS, 'kms:GetPublicKey'];

export const SEAL_ACTIONS = ['kms:Sign', 'kms:GetPublicKey'];

export class SealKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, config: StackConfig, signer: iam.IRole) {
    super(scope, id);
    const account = new iam.AccountRootPrincipal();
    this.key = new kms.Key(this, 'Key', {
      description: `Justera ${config.stage}: seals adjusted protocols (PAdES). Only the stamp function may sign.`,
      alias: `alias/${config.prefix}-seal`,
      keySpec: kms.KeySpec.RSA_3072,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      // Rotation does not exist for asymmetric keys: a new key means a new certificate.
      enableKeyRotation: false,
      pendingWindow: Duration.days(30),
      removalPolicy: config.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'AccountAdministersNotSigns', principals: [account], actions: ADMIN_ACTIONS, resources: ['*'] }),
          new iam.PolicyStatement({ sid: 'StampFunctionSeals', principals: [signer], actions: SEAL_ACTIONS, resources: ['*'] }),
          ...(config.sealCertificateIssuer
            ? [new iam.PolicyStatement({ sid: 'CertificateIssuerSigns', principals: [new iam.ArnPrincipal(config.sealCertificateIssuer)], actions: SEAL_ACTIONS, resources: ['*'] })]
            : []),
        ],
      }),
    });
  }
}
