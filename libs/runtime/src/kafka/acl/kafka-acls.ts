import { setTimeout } from 'node:timers/promises';
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

/** Every ACL of the cluster, as DescribeAcls filters. */
export const ANY_ACL = {
  resourceType: AclResourceTypes.ANY,
  resourcePatternType: ResourcePatternTypes.ANY,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
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
export async function ensureAcls(kafka: Kafka, rules: readonly AclRule[], { timeoutMs = 30_000 } = {}): Promise<void> {
  if (rules.length === 0) return;
  await withAdmin(kafka, async (admin) => {
    await admin.createAcls({ acl: rules.map(toKafkaAcl) });
    // A broker's authorizer applies new ACLs when it replays the metadata log, a moment after the
    // controller has committed them: an app started at once could be refused its own topic. The
    // broker lists ACLs from that same view, so they are in force once it lists them all.
    const deadline = Date.now() + timeoutMs;
    for (let missing = await countMissing(admin, rules); missing > 0; missing = await countMissing(admin, rules)) {
      if (Date.now() > deadline) throw new Error(`${missing} of ${rules.length} ACLs created are still not in force after ${timeoutMs} ms`);
      await setTimeout(100);
    }
  });
}

/**
 * Deletes every ACL of `principal` (User:<service>): a removed service's rights, so that a later
 * service of that name starts from what its own handlers need. The number deleted; 0 on a
 * cluster that enforces none.
 */
export async function revokeAcls(kafka: Kafka, principal: string): Promise<number> {
  return withAdmin(kafka, async (admin) => {
    if (!(await askAcls(admin))) return 0;
    const { filterResponses } = await admin.deleteAcls({ filters: [{ ...ANY_ACL, principal }] });
    return filterResponses.reduce((deleted, response) => deleted + response.matchingAcls.length, 0);
  });
}

async function countMissing(admin: kafkajs.Admin, rules: readonly AclRule[]): Promise<number> {
  const { resources } = await admin.describeAcls(ANY_ACL);
  const key = (acl: AclEntry) => [acl.principal, acl.operation, acl.resourceType, acl.resourceName, acl.resourcePatternType].join('|');
  const present = new Set(resources.flatMap(({ resourceType, resourceName, resourcePatternType, acls }) =>
    acls.map((acl) => key({ ...acl, resourceType, resourceName, resourcePatternType } as AclEntry)),
  ));
  return rules.map(toKafkaAcl).filter((acl) => !present.has(key(acl))).length;
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
    await admin.describeAcls(ANY_ACL);
    return true;
  } catch (error) {
    // kafkajs's retrier may wrap the broker's answer in an error of its own.
    const { type, cause } = error as { type?: string; cause?: { type?: string } };
    if (type === 'SECURITY_DISABLED' || cause?.type === 'SECURITY_DISABLED') return false;
    throw error;
  }
}
