/**
 * Imported first by the demo: the pipeline's logger and metrics read these when their modules load.
 * Warnings (a malformed record, say) go to standard error; EMF metric lines are off.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
