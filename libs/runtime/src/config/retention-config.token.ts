/** Injects the RetentionConfig (retention-config.ts), which RuntimeModule reads from the environment. */
export const RETENTION_CONFIG = Symbol('RETENTION_CONFIG');
