import kafkajs, { type AclEntry, type Kafka } from 'kafkajs';
import type { AclOperation, AclRule } from './service-acls.js';

// kafkajs is CommonJS; Node's ESM loader does not see these exports by name.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const OPERATIONS: Record<AclOperation, kafkajs.AclOperationTypes> = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  create: AclOperationTypes.CREATE,
  'describe-configs': AclOperationTypes.DESCRIBE_CONFIGS,
  'alter-configs': AclOperationTypes.ALTER_CONFIGS,
};

/** A rule as Kafka's CreateAcls takes it: an ALLOW from any host. */
export function toKafkaAcl(rule: AclRule): AclEntry {
  return {
    principal: rule.principal,
    host: '*',
    operation: OPERATIONS[rule.operation],
    permissionType: AclPermissionTypes.ALLOW,
    resourceType: rule.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: rule.name,
    resourcePatternType: rule.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
  };
}

/**
 * Creates the ACLs of `rules`. Idempotent: Kafka accepts a binding that
 * exists already as created. ACLs no longer wanted (an app removed) are left in place.
 */
export async function ensureAcls(kafka: Kafka, rules: readonly AclRule[]): Promise<void> {
  if (rules.length === 0) return;
  await withAdmin(kafka, (admin) => admin.createAcls({ acl: rules.map(toKafkaAcl) }));
}

/** Whether the cluster enforces ACLs (an authorizer is configured); one without answers SECURITY_DISABLED. */
export function enforcesAcls(kafka: Kafka): Promise<boolean> {
  return withAdmin(kafka, askAcls);
}

async function withAdmin<T>(kafka: Kafka, work: (admin: kafkajs.Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

async function askAcls(admin: kafkajs.Admin): Promise<boolean> {
  try {
    await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return true;
  } catch (error) {
    // kafkajs's retrier may wrap the broker's answer in an error of its own.
    const { type, cause } = error as { type?: string; cause?: { type?: string } };
    if (type === 'SECURITY_DISABLED' || cause?.type === 'SECURITY_DISABLED') return false;
    throw error;
  }
}
