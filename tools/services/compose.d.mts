/** Where the native run's infrastructure is, and where the same thing is on the compose network. */
export const NATIVE_TO_COMPOSE: [native: string, compose: string][];
/** An app's variable as compose sets it, from its native value. */
export function inCompose(name: string, nativeValue: string): string;
/** docker-compose.yml with its apps' part as the apps/ folders say. */
export function composeFileWithApps(current?: string): string;
