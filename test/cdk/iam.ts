// Reads the synthesized template's IAM policies as an evaluator would, so the
// least-privilege tests ask "can this role do X to Y?" instead of matching
// statement layouts (which policy minimisation may merge or reorder).
import type { Template } from 'aws-cdk-lib/assertions';

type Json = unknown;

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: Json;
  Condition?: Record<string, unknown>;
}

/** A CloudFormation value as one string: {Ref: X} → <X>, {Fn::GetAtt: [X, Arn]} → <X.Arn>, joins concatenated. */
export function flat(value: Json): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flat).join(',');
  if (value && typeof value === 'object') {
    const v = value as Record<string, Json>;
    if ('Ref' in v) return `<${String(v.Ref)}>`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, Json[]];
      return parts.map(flat).join(sep);
    }
  }
  return JSON.stringify(value);
}

export const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/** Every statement of the identity policies attached to a role (inline, AWS::IAM::Policy, managed policies in the template). */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, Json> }>;
  const role = resources[roleId];
  if (!role || role.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not a role`);
  const docs: Json[] = list(role.Properties.Policies as Json[]).map((p) => (p as { PolicyDocument: Json }).PolicyDocument);
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::ManagedPolicy') continue;
    if (list(r.Properties.Roles as Json[]).some((x) => flat(x) === `<${roleId}>`)) docs.push(r.Properties.PolicyDocument);
  }
  return docs.flatMap((d) => list((d as { Statement: Statement | Statement[] }).Statement));
}

/** Whether an Allow statement grants `action` on `resource` (both may be concrete; the statement's may be patterns). */
export function allows(statements: Statement[], action: string, resource: string): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((a) => glob(a.toLowerCase()).test(action.toLowerCase())) &&
      list(s.Resource).some((r) => glob(flat(r)).test(resource)),
  );
}

/** Every action a set of statements allows, on any resource. */
export function allowedActions(statements: Statement[]): string[] {
  return [...new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)))].sort();
}
