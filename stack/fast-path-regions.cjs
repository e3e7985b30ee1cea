'use strict';
/**
 * The EventBridge fast path worked out at package time (CloudFormation cannot take the deploy
 * region out of a list): `${file(stack/fast-path-regions.cjs):<name>}` in serverless.yml. osls
 * calls the exported function with its variable resolver and reads <name> of the plan it returns.
 * Offline: account and partition stay pseudo parameters inside `Fn::Sub`. Every bad parameter fails
 * the packaging with a FastPathConfigError naming it. CommonJS, as osls require()s variable files
 * and package.json says "type": "module".
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * The commercial regions (partition `aws`), opt-in ones apart: a region enabled later needs the
 * regional CloudFormation principal too. A region AWS opens later goes in one of these lists.
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
 */
const words = (text) => text.trim().split(/\s+/);
const DEFAULT_REGIONS = words(`
  us-east-1 us-east-2 us-west-1 us-west-2 ca-central-1 sa-east-1 eu-west-1 eu-west-2
  eu-west-3 eu-central-1 eu-north-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1
  ap-southeast-1 ap-southeast-2
`);
const OPT_IN_REGIONS = words(`
  af-south-1 ap-east-1 ap-east-2 ap-south-2 ap-southeast-3 ap-southeast-4 ap-southeast-5
  ap-southeast-6 ap-southeast-7 ca-west-1 eu-central-2 eu-south-1 eu-south-2 il-central-1
  me-central-1 me-south-1 mx-central-1
`);
const KNOWN_REGIONS = new Set([...DEFAULT_REGIONS, ...OPT_IN_REGIONS]);
/** CloudTrail eventNames are words: ConsoleLogin, CheckMfa, … */
const EVENT_NAME = /^[A-Za-z]{1,64}$/;
/** Rule and role names: at most 64 characters (EventBridge PutRule, IAM CreateRole). */
const MAX_NAME = 64;
/** "Maximum size: 51,200 bytes" for a TemplateBody (CreateStackSet). */
const MAX_TEMPLATE_BYTES = 51_200;
const TEMPLATE_FILE = join(__dirname, 'forwarder-template.yml');

/** A bad deploy parameter: printed as is by osls, without a stack trace. */
class FastPathConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FastPathConfigError';
    this.stack = `${this.name}: ${message}`;
  }
}

const listOf = (text) =>
  String(text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function regionsOf(text) {
  const regions = listOf(text);
  const unknown = regions.filter((region) => !KNOWN_REGIONS.has(region));
  if (unknown.length > 0) {
    throw new FastPathConfigError(
      `fastPathRegions: ${unknown.map((r) => `"${r}"`).join(', ')} is not a region of the aws partition ` +
        '(comma-separated region codes such as us-east-1,eu-north-1; a new region goes in stack/fast-path-regions.cjs)',
    );
  }
  return [...new Set(regions)];
}

function eventNamesOf(text) {
  const names = listOf(text);
  const bad = names.filter((name) => !EVENT_NAME.test(name));
  if (names.length === 0 || bad.length > 0) {
    throw new FastPathConfigError(
      `signInEvents: ${names.length === 0 ? 'empty' : bad.map((n) => `"${n}"`).join(', ')}: ` +
        'expected comma-separated CloudTrail eventNames such as ConsoleLogin,CheckMfa',
    );
  }
  return [...new Set(names)];
}

function named(what, name) {
  if (name.length > MAX_NAME) {
    throw new FastPathConfigError(
      `the fast path's ${what} "${name}" is longer than ${MAX_NAME} characters: use a shorter service or stage name`,
    );
  }
  return name;
}

/** An ARN of this account in that region, as an `Fn::Sub` (the account is known at deploy time). */
const arn = (service, region, resource) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:${service}:${region}:\${AWS::AccountId}:${resource}`,
});

/** The whole plan, from the deploy parameters and the service's names. Pure. */
function planFor({ deployRegion, fastPath, fastPathRegions, signInEvents, service, stage }) {
  if (fastPath !== 'true' && fastPath !== 'false') {
    throw new FastPathConfigError(`fastPath: "${fastPath}" is neither true nor false`);
  }
  const enabled = fastPath === 'true';
  const listed = regionsOf(fastPathRegions);
  const eventNames = eventNamesOf(signInEvents);
  if (enabled && !KNOWN_REGIONS.has(deployRegion)) {
    throw new FastPathConfigError(
      `the fast path forwards between regions of the aws partition, and the deploy region "${deployRegion}" is not one: deploy with fastPath=false`,
    );
  }
  const forwarderRegions = enabled ? listed.filter((region) => region !== deployRegion).sort() : [];
  const prefix = `${service}-${stage}`;
  const forwarderRuleName = named('forwarder rule name', `${prefix}-to-${deployRegion}`);
  const stackSetName = `${prefix}-fast-path-${deployRegion}`;
  const optIn = [deployRegion, ...forwarderRegions].filter((region) => OPT_IN_REGIONS.includes(region));
  return {
    enabled: String(enabled),
    forwarders: String(forwarderRegions.length > 0),
    forwarderRegions,
    eventNames,
    eventNameList: eventNames.join(','),
    ruleName: named('rule name', `${prefix}-fast-path`),
    forwarderRuleName,
    stackSetName,
    administrationRoleName: named('role name', `${prefix}-${deployRegion}-fast-path-admin`),
    executionRoleName: named('role name', `${prefix}-${deployRegion}-fast-path-exec`),
    forwarderRoleName: named('role name', `${prefix}-${deployRegion}-fast-path-forward`),
    forwarderRuleArns: forwarderRegions.map((region) => arn('events', region, `rule/${forwarderRuleName}`)),
    // StackSets names each instance's stack StackSet-<stack set name>-<id>.
    forwarderStackArns: forwarderRegions.map((region) =>
      arn('cloudformation', region, `stack/StackSet-${stackSetName}-*/*`),
    ),
    // The dashboard's rows of each forwarder rule's failures, in its own region (JSON, each after a comma).
    forwarderDashboardRows: forwarderRegions
      .map(
        (region) =>
          `,\n["AWS/Events", "FailedInvocations", "RuleName", "${forwarderRuleName}", ` +
          `{ "region": "${region}", "label": "Forwarder in ${region} failed" }]`,
      )
      .join(''),
    // "you must also add the Regional service principal" for a region that is disabled by default.
    cloudFormationPrincipals: [
      'cloudformation.amazonaws.com',
      ...optIn.map((region) => `cloudformation.${region}.amazonaws.com`),
    ],
  };
}

/** The forwarder template, as the string a StackSet's TemplateBody takes. */
function forwarderTemplateBody(file = TEMPLATE_FILE) {
  const body = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw new FastPathConfigError(
      `${file} has ${bytes} bytes; a StackSet TemplateBody takes ${MAX_TEMPLATE_BYTES}`,
    );
  }
  return body;
}

async function fastPathPlan({ resolveVariable }) {
  const [deployRegion, fastPath, fastPathRegions, signInEvents, service, stage] = await Promise.all(
    [
      'self:provider.region',
      'param:fastPath',
      'param:fastPathRegions',
      'param:signInEvents',
      'self:service',
      'sls:stage',
    ].map((variable) => resolveVariable(variable)),
  );
  const plan = planFor({
    deployRegion,
    fastPath: String(fastPath),
    fastPathRegions,
    signInEvents,
    service,
    stage,
  });
  return { ...plan, templateBody: forwarderTemplateBody() };
}

module.exports = fastPathPlan;
module.exports.planFor = planFor;
module.exports.forwarderTemplateBody = forwarderTemplateBody;
module.exports.FastPathConfigError = FastPathConfigError;
module.exports.OPT_IN_REGIONS = OPT_IN_REGIONS;
