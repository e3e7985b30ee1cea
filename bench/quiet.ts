/**
 * Imported first by the benchmark: the pipeline's logger and metrics read these when their modules
 * load, and the steps import them before setting any environment of their own.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
