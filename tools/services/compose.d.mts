/** Where the native run's infrastructure is, and where the same thing is on the compose network. */
export const NATIVE_TO_COMPOSE: [native: string, compose: string][];
/** An app's variable as compose sets it, from its native value. */
export function inCompose(name: string, nativeValue: string, app?: string): string;
/** docker-compose.yml with its apps' part as the apps/ folders say. */
export function composeFileWithApps(current?: string): string;
/** deploy/kafka-acls.json, which compose's one-shot `topics` reads. */
export const aclsFile: string;
/** An app's Kafka password in compose (the demo's). */
export function composeKafkaPassword(principal: string): string;
/** The services' Kafka ACLs as deploy/kafka-acls.json holds them. */
export function kafkaAclsJson(): Promise<string>;
