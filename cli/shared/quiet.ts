/**
 * Imported first by the commands: the pipeline's JSON logs (warnings and errors only) go to
 * standard error and its EMF metric lines are off, so that standard output holds the results.
 * The logger and metrics read these variables when their modules load.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
