/**
 * Structured JSON logs, one line per decision. Level from POWERTOOLS_LOG_LEVEL (default INFO).
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'console-login-notifier' });
