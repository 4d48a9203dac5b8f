// BankID on AWS. Two KMS keys and, when BankID is configured, read access to
// the relying party's Secrets Manager entry:
// - the personnummer key (HMAC_256): the table keeps personnummer only as
//   HMAC-SHA256 under it; admin (import) and sign (identity check) may
//   GenerateMac, nobody may read it;
// - the evidence key (symmetric, rotated yearly): wraps the data key of each
//   BankID signature's kept completionData; sign may only GenerateDataKey,
//   admin (the operator's `justera verify --evidence`) only Decrypt, both only
//   with Justera's evidence encryption context;
// - the RP secret (JSON certPem, keyPem, caPem, rootsPem[, passphrase]),
//   named by the `bankidSecret` context key: made and filled by the operator
//   with the certificate the bank issued (or BankID's public test one), kept
//   out of the stack so that no deploy or stack deletion touches the private
//   key; only the sign function may read it.
// Key policies name the roles themselves, so no IAM policy elsewhere in the
// account can widen who hashes, wraps or unwraps.
import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StackConfig } from '../config';
import { KEY_ADMIN_ACTIONS } from './key-admin';

export const PERSONNUMMER_ACTIONS = ['kms:GenerateMac'];
export const EVIDENCE_KEEP_ACTIONS = ['kms:GenerateDataKey'];
export const EVIDENCE_OPEN_ACTIONS = ['kms:Decrypt'];
export const BANKID_SECRET_ACTIONS = ['secretsmanager:GetSecretValue'];
/** The encryption context every evidence data key carries (shared/adapters/bankid-kms-evidence.ts). */
export const EVIDENCE_CONDITION = { StringEquals: { 'kms:EncryptionContext:purpose': 'justera-bankid-evidence' } };

export interface BankIdRoles {
  admin: iam.IRole;
  sign: iam.IRole;
}

export class BankIdResources extends Construct {
  readonly personnummerKey: kms.Key;
  readonly evidenceKey: kms.Key;
  /** The ARN pattern of the RP secret the sign function reads; null when BankID is not configured. */
  readonly secretArn: string | null;

  constructor(scope: Construct, id: string, config: StackConfig, roles: BankIdRoles) {
    super(scope, id);
    const account = new iam.AccountRootPrincipal();
    const administer = new iam.PolicyStatement({ sid: 'AccountAdministersNotUses', principals: [account], actions: KEY_ADMIN_ACTIONS, resources: ['*'] });
    const use = (sid: string, role: iam.IRole, actions: string[], conditions?: Record<string, unknown>) =>
      new iam.PolicyStatement({ sid, principals: [role], actions, resources: ['*'], ...(conditions ? { conditions } : {}) });

    this.personnummerKey = new kms.Key(this, 'PersonnummerKey', {
      description: `Justera ${config.stage}: keyed hash (HMAC-SHA256) of personnummer. Only the admin and sign functions may GenerateMac.`,
      alias: `alias/${config.prefix}-personnummer`,
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      // HMAC keys cannot rotate: a new key would make every stored hash match nobody.
      enableKeyRotation: false,
      pendingWindow: Duration.days(30),
      removalPolicy: config.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [administer, use('AdminAndSignHash', roles.admin, PERSONNUMMER_ACTIONS), use('SignHashes', roles.sign, PERSONNUMMER_ACTIONS)],
      }),
    });

    this.evidenceKey = new kms.Key(this, 'EvidenceKey', {
      description: `Justera ${config.stage}: wraps the data keys of kept BankID evidence. Sign may only wrap new ones, admin only unwrap.`,
      alias: `alias/${config.prefix}-bankid-evidence`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: config.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          administer,
          use('SignKeepsEvidence', roles.sign, EVIDENCE_KEEP_ACTIONS, EVIDENCE_CONDITION),
          use('AdminOpensEvidence', roles.admin, EVIDENCE_OPEN_ACTIONS, EVIDENCE_CONDITION),
        ],
      }),
    });

    roles.admin.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'HashPersonnummer', actions: PERSONNUMMER_ACTIONS, resources: [this.personnummerKey.keyArn] }));
    roles.sign.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'HashPersonnummer', actions: PERSONNUMMER_ACTIONS, resources: [this.personnummerKey.keyArn] }));
    roles.sign.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'KeepBankIdEvidence', actions: EVIDENCE_KEEP_ACTIONS, resources: [this.evidenceKey.keyArn], conditions: EVIDENCE_CONDITION }),
    );
    roles.admin.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'OpenBankIdEvidence', actions: EVIDENCE_OPEN_ACTIONS, resources: [this.evidenceKey.keyArn], conditions: EVIDENCE_CONDITION }),
    );

    if (config.bankidSecret) {
      // Secrets Manager appends six random characters to a secret's name in its ARN.
      this.secretArn = `${Arn.format({ service: 'secretsmanager', resource: 'secret', resourceName: config.bankidSecret, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, Stack.of(this))}-??????`;
      roles.sign.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadBankIdRpSecret', actions: BANKID_SECRET_ACTIONS, resources: [this.secretArn] }));
    } else this.secretArn = null;
  }
}
