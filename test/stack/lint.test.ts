/**
 * cdk-nag's AwsSolutions and Serverless rules over the template of every packaged parameter
 * variant (support/stack-variants.ts), as CloudFormation would deploy it (support/lint-template.ts),
 * and over the fast path's forwarder template, which the StackSet deploys in the other regions.
 * Each finding is fixed in the stack, or accepted in support/lint-acknowledgments.ts with its
 * reason; an acknowledgment that matches nothing any more fails too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forwarderTemplateText, parseTemplate } from '../support/fast-path.js';
import { ACKNOWLEDGMENTS, type Acknowledgment } from '../support/lint-acknowledgments.js';
import { deployedTemplate, type Finding, lintTemplate } from '../support/lint-template.js';
import { type StackVariant, VARIANT_NAMES } from '../support/stack-variants.js';
import { packagedTemplate } from '../support/template.js';

/** The forwarder template, linted as it is: CloudFormation fills its parameters in each region. */
const FORWARDER = 'forwarder-template' as const;

const matches = (acknowledgment: Acknowledgment, finding: Finding) =>
  acknowledgment.ruleId === finding.ruleId && acknowledgment.logicalId === finding.logicalId;

describe('CloudFormation linter (cdk-nag AwsSolutions + Serverless)', () => {
  const findings = new Map<StackVariant | typeof FORWARDER, Finding[]>();
  beforeAll(async () => {
    for (const variant of VARIANT_NAMES) {
      findings.set(variant, await lintTemplate(await packagedTemplate(variant)));
    }
    findings.set(FORWARDER, await lintTemplate(parseTemplate(await forwarderTemplateText())));
  }, 180_000);

  it.each<StackVariant | typeof FORWARDER>([...VARIANT_NAMES, FORWARDER])(
    'finds nothing unacknowledged in the %s variant',
    (variant) => {
      const open = (findings.get(variant) ?? []).filter(
        (finding) => !ACKNOWLEDGMENTS.some((acknowledgment) => matches(acknowledgment, finding)),
      );

      expect(open.map(({ ruleId, logicalId, message }) => `${ruleId} @ ${logicalId}: ${message}`)).toEqual(
        [],
      );
    },
  );

  it('acknowledges only findings that some variant still has', () => {
    const all = [...findings.values()].flat();
    const stale = ACKNOWLEDGMENTS.filter((acknowledgment) => !all.some((f) => matches(acknowledgment, f)));

    expect(stale).toEqual([]);
  });

  it('gives every acknowledgment a one-line reason', () => {
    for (const { ruleId, reason } of ACKNOWLEDGMENTS) {
      expect(reason.trim().length, ruleId).toBeGreaterThan(20);
      expect(reason, ruleId).not.toContain('\n');
    }
  });

  it('lints the template as deployed: conditions decided, nothing conditional left', async () => {
    const withExistingTopic = deployedTemplate(await packagedTemplate('existingTopic'));
    const withTrail = deployedTemplate(await packagedTemplate('createTrail'));
    const resources = (deployed: Record<string, unknown>) => Object.keys(deployed.Resources as object);

    expect(resources(withExistingTopic)).not.toContain('SignInTopic');
    expect(resources(withExistingTopic)).not.toContain('Trail');
    expect(resources(withTrail)).toContain('Trail');
    expect(JSON.stringify(withExistingTopic)).not.toMatch(/Fn::If|AWS::NoValue|"Condition":"/);
  });

  it('reports a finding the stack fixed once the fix is taken out (the queue’s TLS-only policy)', async () => {
    const template = await packagedTemplate('default');
    const { FailedDeliveriesQueuePolicy: _policy, ...resources } = template.Resources;

    const found = await lintTemplate({ ...template, Resources: resources });

    expect(found).toContainEqual(
      expect.objectContaining({ ruleId: 'AwsSolutions-SQS4', logicalId: 'FailedDeliveriesQueue' }),
    );
  });
});
