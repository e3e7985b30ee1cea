/**
 * The CloudFormation template that `serverless package` builds, read the way CloudFormation would
 * read it for a given set of deploy parameters: conditions evaluated, `Fn::If` branches chosen,
 * `AWS::NoValue` removed.
 */
import { expect } from 'vitest';
import { packageService, readPackagedJson } from './serverless-package.js';
import type { StackVariant } from './stack-variants.js';

export type Props = Record<string, unknown>;
export type Resource = {
  readonly Type: string;
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly Properties: Props;
};
export type Template = { readonly Resources: Record<string, Resource>; readonly Conditions: Props };
export type PolicyStatement = {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Props;
};
export type PolicyDocument = { readonly Statement: PolicyStatement[] };

const NO_VALUE = Symbol('AWS::NoValue');

/** The template of this parameter variant (stack-variants.ts), as `serverless package` wrote it. */
export async function packagedTemplate(variant: StackVariant = 'default'): Promise<Template> {
  const outDir = await packageService(variant);
  return (await readPackagedJson(outDir, 'cloudformation-template-update-stack.json')) as Template;
}

/** The value CloudFormation sees: `Fn::If`, `Fn::Equals`, `Fn::Not`, `Condition`, `AWS::NoValue`. */
export function resolved(template: Template, value: unknown): unknown {
  const result = resolve(template, value);
  return result === NO_VALUE ? undefined : result;
}

function resolve(template: Template, value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolve(template, item)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [name, argument] = entries.length === 1 ? (entries[0] as [string, unknown]) : [];
  const [first, second, third] = (Array.isArray(argument) ? argument : []) as unknown[];
  switch (name) {
    case 'Ref':
      return argument === 'AWS::NoValue' ? NO_VALUE : value;
    case 'Fn::If':
      return resolve(template, conditionHolds(template, first as string) ? second : third);
    case 'Fn::Equals':
      return JSON.stringify(resolve(template, first)) === JSON.stringify(resolve(template, second));
    case 'Fn::Not':
      return !resolve(template, first);
    case 'Condition':
      return conditionHolds(template, argument as string);
    default:
      return Object.fromEntries(
        entries.map(([key, item]) => [key, resolve(template, item)]).filter(([, item]) => item !== NO_VALUE),
      );
  }
}

export function conditionHolds(template: Template, name: string): boolean {
  const holds = resolve(template, template.Conditions[name]);
  if (typeof holds !== 'boolean') throw new Error(`condition ${name} does not evaluate to a boolean`);
  return holds;
}

/** The resources a deploy creates, with their properties resolved. */
export function createdResources(template: Template): Record<string, Resource> {
  const created: Record<string, Resource> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined && !conditionHolds(template, resource.Condition)) continue;
    created[id] = { ...resource, Properties: resolved(template, resource.Properties) as Props };
  }
  return created;
}

/** The created resources of this type, by logical id. */
export function ofType(template: Template, type: string): Record<string, Resource> {
  return Object.fromEntries(
    Object.entries(createdResources(template)).filter(([, resource]) => resource.Type === type),
  );
}

/** The one created resource of this type, with its logical id. */
export function single(template: Template, type: string): Resource & { id: string } {
  const matches = Object.entries(ofType(template, type));
  expect(matches.map(([id]) => id)).toHaveLength(1);
  const [id, resource] = matches[0] as [string, Resource];
  return { id, ...resource };
}

/** The created resource with this logical id. */
export function created(template: Template, id: string): Resource {
  const resource = createdResources(template)[id];
  if (resource === undefined) throw new Error(`the stack creates no ${id}`);
  return resource;
}

/** The statements of the notifier's role (osls' `IamRoleLambdaExecution`). */
export function roleStatements(template: Template): PolicyStatement[] {
  const policies = created(template, 'IamRoleLambdaExecution').Properties.Policies as {
    PolicyDocument: PolicyDocument;
  }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

export function actionsOf(statement: PolicyStatement): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

export function resourcesOf(statement: PolicyStatement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** The resources of every role statement that grants this action. */
export function resourcesGranted(template: Template, action: string): unknown[] {
  return roleStatements(template)
    .filter((statement) => actionsOf(statement).includes(action))
    .flatMap(resourcesOf);
}

export const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
