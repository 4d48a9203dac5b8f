// SES: the sending identity (a domain, created when sesIdentity is given, so
// its DKIM records can be published) and the configuration set every message
// goes through (created unless sesConfigurationSet names an existing one), and
// the resources a mailing function's send permission is limited to.
import { Arn, CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { StackConfig } from '../config';

// SES v2 SendEmail with Simple content only: SES builds the MIME message, so no raw sending.
export const MAIL_ACTIONS = ['ses:SendEmail'];

export class Mail extends Construct {
  readonly configurationSetName: string;
  /** The identities mail may be sent as, and the configuration set: the only resources of ses:Send*. */
  readonly sendResources: string[];

  constructor(scope: Construct, id: string, config: StackConfig) {
    super(scope, id);
    const stack = Stack.of(this);
    const identityArn = (name: string) => Arn.format({ service: 'ses', resource: 'identity', resourceName: name }, stack);

    if (config.sesIdentity) {
      const identity = new ses.EmailIdentity(this, 'Identity', { identity: ses.Identity.domain(config.sesIdentity) });
      for (const n of [1, 2, 3] as const)
        new CfnOutput(stack, `DkimRecord${n}`, {
          description: `DNS CNAME ${n} of 3 for SES DKIM on ${config.sesIdentity}: name = value`,
          value: `${identity[`dkimDnsTokenName${n}`]} = ${identity[`dkimDnsTokenValue${n}`]}`,
        });
    }

    if (config.sesConfigurationSet) {
      this.configurationSetName = config.sesConfigurationSet;
    } else {
      const set = new ses.ConfigurationSet(this, 'ConfigurationSet', {
        configurationSetName: config.prefix,
        reputationMetrics: true,
        sendingEnabled: true,
        tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
        suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      });
      this.configurationSetName = set.configurationSetName;
    }

    // SES authorizes a send against the identity that covers the From address:
    // the address itself or its domain, whichever was verified.
    const identities = new Set([config.mailFromAddress, config.mailFromDomain, ...(config.sesIdentity ? [config.sesIdentity] : [])]);
    this.sendResources = [
      ...[...identities].map(identityArn),
      Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSetName }, stack),
    ];
  }

  grantSend(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'SendMail', actions: MAIL_ACTIONS, resources: this.sendResources }));
  }
}
