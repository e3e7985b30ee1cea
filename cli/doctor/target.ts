/**
 * Which stack the doctor looks at: `--stack-name`, or `console-login-notifier-<stage>` (stage
 * `prod` by default, as serverless deploys it), in `--region`, else AWS_REGION, else
 * AWS_DEFAULT_REGION, else the region of the AWS profile.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { type parseFlags, UsageError } from '../shared/flags.js';
import { wantsSymbols } from './report.js';

export const SERVICE = 'console-login-notifier';

export const DOCTOR_OPTIONS = {
  stage: { type: 'string' },
  'stack-name': { type: 'string' },
  region: { type: 'string' },
  'log-group': { type: 'string' },
  ascii: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

export interface Target {
  readonly stackName: string;
  /** The stage, when the stack name follows serverless' naming: for the fixes the doctor prints. */
  readonly stage: string | undefined;
  readonly region: string;
  /** The CloudTrail log group, when the operator names it instead of letting the doctor find it. */
  readonly logGroup: string | undefined;
  readonly symbols: boolean;
}

export type DoctorFlags = ReturnType<typeof parseFlags<typeof DOCTOR_OPTIONS>>;

export async function targetFrom(flags: DoctorFlags, env: NodeJS.ProcessEnv): Promise<Target> {
  if (flags.stage !== undefined && flags['stack-name'] !== undefined) {
    throw new UsageError('give --stage or --stack-name, not both');
  }
  const stage = flags['stack-name'] === undefined ? (flags.stage ?? 'prod') : undefined;
  if (stage !== undefined && !/^[A-Za-z0-9-]+$/.test(stage)) {
    throw new UsageError(`--stage "${stage}" is not a stage name (letters, digits and hyphens)`);
  }
  const stackName = flags['stack-name'] ?? `${SERVICE}-${stage}`;
  if (stackName.trim() === '') throw new UsageError('--stack-name is empty');
  const region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || (await profileRegion());
  if (!region) {
    throw new UsageError(
      'no region: pass --region with the region the stack was deployed to, or set AWS_REGION (or a region in your AWS profile)',
    );
  }
  return {
    stackName,
    stage: stage ?? stageOf(stackName),
    region,
    logGroup: flags['log-group'],
    symbols: wantsSymbols(flags.ascii, env),
  };
}

function stageOf(stackName: string): string | undefined {
  return stackName.startsWith(`${SERVICE}-`) ? stackName.slice(SERVICE.length + 1) : undefined;
}

/** The region the SDK would use from the profile (AWS_PROFILE, ~/.aws/config); none is not an error here. */
async function profileRegion(): Promise<string | undefined> {
  const client = new CloudFormationClient({});
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** The deploy command for this stack, with the operator's own deploy parameters to repeat. */
export function redeploy(target: Target): string {
  const stage = target.stage ? ` --stage ${target.stage}` : '';
  return `npx serverless deploy${stage} --region ${target.region} with the same --param values as before`;
}
