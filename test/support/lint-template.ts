/**
 * Lints a packaged template offline with cdk-nag's AwsSolutions and Serverless packs, through
 * aws-cdk-lib's CfnInclude (logical ids kept). cdk-nag reads the properties as written and
 * CfnInclude evaluates no condition, so the template is first resolved the way CloudFormation would
 * deploy it (template.ts): resources whose condition is false dropped, `Fn::If` branches chosen,
 * `AWS::NoValue` removed. Left raw, an `Fn::If` reads as "a key is set" (a missed finding), a
 * resource never created is flagged, and some rules throw on a conditional `Action`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { conditionHolds, resolved, type Template } from './template.js';

export interface Finding {
  readonly ruleId: string;
  readonly logicalId: string;
  readonly message: string;
}

/** Every finding of both packs on the template as deployed, in the packs' order. */
export async function lintTemplate(template: Template): Promise<Finding[]> {
  const dir = await mkdtemp(join(tmpdir(), 'console-login-notifier-lint-'));
  try {
    const file = join(dir, 'template.json');
    await writeFile(file, JSON.stringify(deployedTemplate(template)));
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Packaged');
    new CfnInclude(stack, 'Template', { templateFile: file });
    // Fresh packs for each template: a pack keeps state between validations.
    return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack.validateScope(stack).violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => ({
          ruleId: violation.ruleName,
          logicalId: resource.constructPath?.split('/').pop() ?? '?',
          message: violation.description,
        })),
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The template CloudFormation would deploy: no conditions left to evaluate. */
export function deployedTemplate(template: Template): Record<string, unknown> {
  const {
    Conditions: _conditions,
    Resources,
    Outputs,
    ...rest
  } = template as Template & {
    Outputs?: Record<string, { Condition?: string }>;
  };
  const created = kept(template, Resources);
  for (const resource of Object.values(created)) {
    const dependsOn = resource.DependsOn as string | string[] | undefined;
    if (dependsOn === undefined) continue;
    const remaining = [dependsOn].flat().filter((id) => id in created);
    if (remaining.length > 0) resource.DependsOn = remaining;
    else delete resource.DependsOn;
  }
  return {
    ...(resolved(template, rest) as object),
    Resources: created,
    Outputs: kept(template, Outputs ?? {}),
  };
}

function kept(
  template: Template,
  section: Record<string, { Condition?: string }>,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(section)
      .filter(([, item]) => item.Condition === undefined || conditionHolds(template, item.Condition))
      .map(([id, { Condition: _condition, ...item }]) => [
        id,
        resolved(template, item) as Record<string, unknown>,
      ]),
  );
}
