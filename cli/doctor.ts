/**
 * `npm run doctor -- [--stage S | --stack-name N] [--region R]`: checks a deployed stack with the
 * operator's credentials, read-only, and says line by line what is right, what is wrong and how to
 * fix it: the trail that feeds the log group, the subscription filter, the topic's subscriptions,
 * the alarms, the parked sign-ins and the notifier's recent errors.
 */
import './shared/quiet.js';
import { checkAlarms } from './doctor/alarms.js';
import { AwsCallError, cannotCheck } from './doctor/aws-call.js';
import { createClients, destroyClients } from './doctor/clients.js';
import { type DeployedStack, locateStack, StackNotFoundError } from './doctor/locate-stack.js';
import { checkNotifierErrors } from './doctor/notifier-errors.js';
import { checkQueue } from './doctor/queue.js';
import { exitCodeOf, type Finding, fail, render, summary } from './doctor/report.js';
import { checkSubscriptionFilter } from './doctor/subscription-filter.js';
import { DOCTOR_OPTIONS, SERVICE, type Target, targetFrom } from './doctor/target.js';
import { checkTopic } from './doctor/topic.js';
import { checkTrail } from './doctor/trail.js';
import { runCommand } from './shared/command.js';
import { parseFlags } from './shared/flags.js';

const USAGE = `usage: npm run doctor -- [--stage STAGE | --stack-name NAME] [--region REGION]
                        [--log-group NAME] [--ascii]
  Checks the stack console-login-notifier-STAGE (STAGE: prod unless given) in REGION (default:
  AWS_REGION, AWS_DEFAULT_REGION, then your AWS profile's), with your credentials; changes nothing.
  --log-group names the CloudTrail log group when the doctor cannot read it from the stack.
  --ascii prints OK / WARN / FAIL even on a UTF-8 terminal (which gets ✔ ! ✘).
  Exit codes: 0 nothing failed (warnings allowed), 1 a check failed or AWS refused, 2 bad usage.`;

let region: string | undefined;

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, DOCTOR_OPTIONS);
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const target = await targetFrom(flags, process.env);
  region = target.region;
  const clients = createClients(target.region);
  try {
    // No credentials at all: say so once (runCommand explains it), not once per check.
    await clients.cloudFormation.config.credentials();
    console.error(`doctor: stack ${target.stackName} in ${target.region} (read-only)`);
    const findings = await diagnose(clients, target);
    for (const line of render(findings, target.symbols)) console.log(line);
    console.error(summary(findings));
    return exitCodeOf(findings);
  } finally {
    destroyClients(clients);
  }
}

async function diagnose(clients: ReturnType<typeof createClients>, target: Target): Promise<Finding[]> {
  let stack: DeployedStack;
  try {
    stack = await locateStack(clients, target);
  } catch (error) {
    if (error instanceof StackNotFoundError) {
      return [
        fail(
          `${error.message}: nothing else can be checked`,
          `check --stage (default prod: the stack is ${SERVICE}-<stage>), --stack-name and --region (the region you deployed to)`,
        ),
      ];
    }
    if (error instanceof AwsCallError) return [cannotCheck(`stack ${target.stackName}`, error)];
    throw error;
  }
  const now = Date.now();
  const checks = await Promise.all([
    checkTrail(clients, stack, now),
    checkSubscriptionFilter(clients, stack, target),
    checkTopic(clients, stack),
    checkAlarms(clients, stack, target, now),
    checkQueue(clients, stack, target),
    checkNotifierErrors(clients, stack, now),
  ]);
  return [...stack.findings, ...checks.flat()];
}

await runCommand(
  'doctor',
  USAGE,
  () => main(process.argv.slice(2)),
  () => ({ region }),
);
