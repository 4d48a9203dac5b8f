// Every acknowledged cdk-nag (AwsSolutions) finding, in one place, each with
// the reason it is acceptable. Suppressions name the exact finding (appliesTo)
// wherever cdk-nag reports one per resource, so a new wildcard or a new public
// route is a new, unsuppressed finding that fails the tests.
import type { CfnElement } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { ACCESS, PREFIX, type Prefix } from './access';
import { FUNCTION_NAMES } from './constructs/lambdas';
import type { JusteraStack } from './stack';

export function applyNagSuppressions(stack: JusteraStack): void {
  const { config } = stack;
  const objectsUnder = (prefix: Prefix) => `Resource::arn:<AWS::Partition>:s3:::${config.prefix}-<AWS::AccountId>-<AWS::Region>/${PREFIX[prefix]}*`;

  // Node.js 22 is the runtime the brief fixes for Lambda and the one the code is
  // built and tested for (esbuild target node22); Lambda supports it into 2027.
  // Moving to a newer runtime is a deliberate, tested change of FUNCTIONS' runtime, not a lint fix.
  NagSuppressions.addResourceSuppressions(
    stack.functions,
    [{ id: 'AwsSolutions-L1', reason: 'Node.js 22 is the runtime fixed by the project brief and targeted by the esbuild bundles; it is a supported Lambda runtime. Upgrading is a tested change, not a lint fix.' }],
    true,
  );

  for (const name of FUNCTION_NAMES) {
    const access = ACCESS[name];
    const prefixes = [...new Set([...(access.read ?? []), ...(access.write ?? [])])];
    const findings = [
      ...(prefixes.length
        ? [
            {
              id: 'AwsSolutions-IAM5',
              reason: `Object keys are created at run time (one per protocol), so one key prefix of the Justera bucket (${prefixes.map((p) => PREFIX[p]).join(', ')}) is the narrowest resource possible; the actions are explicit (see infra/access.ts: ${name}).`,
              appliesTo: prefixes.map(objectsUnder),
            },
          ]
        : []),
      ...(config.tracing
        ? [
            {
              id: 'AwsSolutions-IAM5',
              reason:
                'X-Ray tracing (switched on by configuration): xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so AWS requires Resource "*". test/cdk/least-privilege.test.ts proves no other action has Resource "*".',
              appliesTo: ['Resource::*'],
            },
          ]
        : []),
    ];
    if (findings.length) NagSuppressions.addResourceSuppressions(stack.roles.roles[name], findings, true);
  }

  NagSuppressions.addResourceSuppressions(
    stack.storage.uploadPolicy,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'Uploaders put drafts under drafts/<body>/ with names they choose: the drafts/ prefix is the narrowest resource; s3:PutObject is the only object action.',
        appliesTo: [objectsUnder('drafts')],
      },
    ],
    true,
  );

  const remind = stack.getLogicalId(stack.functions.functions.remind.node.defaultChild as CfnElement);
  if (stack.functions.scheduleRole)
    NagSuppressions.addResourceSuppressions(
      stack.functions.scheduleRole,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: "Added by CDK's EventBridge Scheduler Lambda target: lambda:InvokeFunction on the remind function and its versions/aliases (<arn>:*). The function is named; only the qualifier is a wildcard.",
          appliesTo: [`Resource::<${remind}.Arn>:*`],
        },
      ],
      true,
    );

  NagSuppressions.addResourceSuppressions(
    stack.api,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'The operators\' policy allows execute-api:Invoke on the admin routes only, each by method and path; the "*" stands for a path parameter ({id}, {slug}) as API Gateway requires.',
        appliesTo: [{ regex: '/^Resource::arn:(aws[a-z-]*|<AWS::Partition>):execute-api:[a-z0-9-]+:(\\d{12}|<AWS::AccountId>):<[A-Za-z0-9]+>\\/\\$default\\/(GET|HEAD|POST|PUT|PATCH)\\/(admin|protocols)\\/[A-Za-z0-9.{}*/-]+$/g' }],
      },
    ],
    true,
  );

  // Public by design: the read API, the notice board and the protocols are public
  // records (offentlighetsprincipen), and a signing route is authorized by the
  // personal 256-bit token in its path, checked by the sign function against its
  // stored SHA-256. The admin routes are IAM-authorized (test/cdk/api.test.ts).
  for (const [spec, routes] of stack.api.routes)
    if (!spec.admin)
      NagSuppressions.addResourceSuppressions(
        routes,
        [
          {
            id: 'AwsSolutions-APIG4',
            reason:
              spec.fn === 'secretary'
                ? `${spec.method} ${spec.path}: authorized by the secretary's personal token in the path (256 bits, only its SHA-256 stored, expiring, dead once the protocol is published or superseded), verified by the secretary function; posts must be same-origin.`
                : spec.fn === 'sign'
                ? `${spec.method} ${spec.path}: authorized by the personal single-use token in the path (256 bits, only its SHA-256 stored), verified by the sign function; signers have no AWS identity.`
                : spec.fn === 'subscribe'
                ? `${spec.method} ${spec.path}: anyone may ask to follow a body (rate-limited per address and client, double opt-in); confirming and unsubscribing are authorized by the 256-bit token in the path, only its SHA-256 stored, expiring.`
                : `${spec.method} ${spec.path}: public records (adjusted protocols, decisions, notices) that Swedish law makes public; read-only, throttled at the stage.`,
          },
        ],
        true,
      );
}
