/**
 * Addresses no mail server will ever accept, whatever the schema lets
 * through: the `.invalid` top-level domain is reserved to be invalid (RFC
 * 6761), and a domain label cannot be empty or start or end with a hyphen.
 * Returns why, or undefined when the address may be deliverable.
 */
export function whyUndeliverable(address: string): string | undefined {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const labels = domain.split('.');
  if (labels.at(-1) === 'invalid') return `${domain} is under the reserved .invalid top-level domain (RFC 6761)`;
  if (labels.some((label) => label === '' || label.startsWith('-') || label.endsWith('-'))) {
    return `${domain} is not a valid domain name`;
  }
  return undefined;
}
