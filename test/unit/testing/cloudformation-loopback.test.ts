/**
 * The loopback CloudFormation against the REAL CloudFormation client (AWS query protocol,
 * AWS_ENDPOINT_URL_CLOUDFORMATION): what the SDK reads of a stack, its resources page by page, its
 * template, and the error AWS sends for a stack that is not there.
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListStackResources,
} from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LoopbackCloudFormationOptions,
  startLoopbackCloudFormation,
} from '../../../testing/cloudformation-loopback.js';
import { caught, closeServed, serve, stubAwsEnvironment } from '../../support/loopback-clients.js';

beforeEach(stubAwsEnvironment);
afterEach(closeServed);

const STACK = 'console-login-notifier-prod';
const resources = Array.from({ length: 5 }, (_, n) => ({
  logicalId: `Alarm${n}`,
  physicalId: `alarm-${n} <&>`,
  type: 'AWS::CloudWatch::Alarm',
}));
const template = { Resources: { Filter: { Properties: { LogGroupName: 'CloudTrail/DefaultLogGroup' } } } };

const cloudFormationAt = (options: LoopbackCloudFormationOptions = {}) =>
  serve(
    'CLOUDFORMATION',
    startLoopbackCloudFormation({
      stacks: [
        { name: STACK, outputs: { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:t' }, resources, template },
      ],
      pageSize: 2,
      ...options,
    }),
    () => new CloudFormationClient({}),
  );

describe('loopback CloudFormation', () => {
  it('describes a stack by its name or its ID, with its outputs', async () => {
    const [, client] = await cloudFormationAt();

    const { Stacks: [byName] = [] } = await client.send(new DescribeStacksCommand({ StackName: STACK }));
    const { Stacks: [byId] = [] } = await client.send(
      new DescribeStacksCommand({ StackName: byName?.StackId }),
    );

    expect(byName).toMatchObject({
      StackName: STACK,
      StackId: expect.stringMatching(
        new RegExp(`^arn:aws:cloudformation:eu-west-1:111122223333:stack/${STACK}/`),
      ),
      StackStatus: 'UPDATE_COMPLETE',
      CreationTime: expect.any(Date),
      Outputs: [{ OutputKey: 'TopicArn', OutputValue: 'arn:aws:sns:eu-west-1:111122223333:t' }],
    });
    expect(byId).toEqual(byName);
  });

  it('lists the resources page by page and returns the template as deployed', async () => {
    const [cloudFormation, client] = await cloudFormationAt();

    const pages = [];
    for await (const page of paginateListStackResources({ client }, { StackName: STACK })) pages.push(page);
    const { TemplateBody } = await client.send(new GetTemplateCommand({ StackName: STACK }));

    expect(pages.map(({ StackResourceSummaries = [] }) => StackResourceSummaries.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap(({ StackResourceSummaries = [] }) => StackResourceSummaries)).toEqual(
      resources.map(({ logicalId, physicalId, type }) => ({
        LogicalResourceId: logicalId,
        PhysicalResourceId: physicalId,
        ResourceType: type,
        ResourceStatus: 'CREATE_COMPLETE',
        LastUpdatedTimestamp: expect.any(Date),
      })),
    );
    expect(JSON.parse(TemplateBody ?? '')).toEqual(template);
    expect(cloudFormation.requests.map(({ action }) => action)).toEqual([
      'ListStackResources',
      'ListStackResources',
      'ListStackResources',
      'GetTemplate',
    ]);
  });

  it('answers ValidationError for a stack that does not exist, as AWS does', async () => {
    const [, client] = await cloudFormationAt();

    const error = await caught(
      client.send(new DescribeStacksCommand({ StackName: 'console-login-notifier-dev' })),
    );

    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id console-login-notifier-dev does not exist',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('holds its stacks in one region: a client of another region finds none', async () => {
    await cloudFormationAt();
    const elsewhere = new CloudFormationClient({ region: 'us-west-2' });

    const error = await caught(elsewhere.send(new DescribeStacksCommand({ StackName: STACK })));
    const { Stacks } = await elsewhere.send(new DescribeStacksCommand({}));
    elsewhere.destroy();

    expect(error).toMatchObject({
      name: 'ValidationError',
      message: `Stack with id ${STACK} does not exist`,
    });
    expect(Stacks).toEqual([]);
  });

  it('sends a scripted error in the query error document', async () => {
    const [, client] = await cloudFormationAt({
      reply: () => ({ kind: 'error', status: 403, code: 'AccessDenied', message: 'not authorized' }),
    });

    const error = await caught(client.send(new GetTemplateCommand({ StackName: STACK })));

    expect(error).toMatchObject({ name: 'AccessDenied', message: 'not authorized' });
  });
});
