import { sha256Hex } from './operator-keys.js';

/**
 * The demo's credentials: public, in this file and the README, so they exist
 * only where DEPLOYMENT_ENVIRONMENT is `development` (gateway-config.ts
 * refuses them anywhere else).
 */
export const DEMO_SIGNING_SECRET = 'event-shop demo signing key: development only, public';

/** The demo operator's API key: `curl -H 'X-Api-Key: demo-operator-key' ...`. */
export const DEMO_OPERATOR_KEY = 'demo-operator-key';

export const DEMO_OPERATOR_KEY_SHA256 = sha256Hex(DEMO_OPERATOR_KEY);
