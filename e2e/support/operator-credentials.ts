/**
 * The headers an operator's request carries: the one place a test says who
 * calls the operators' routes. Empty while the gateway does not authenticate
 * (issue 13 adds it); then the operator's API key goes here, and every test of
 * those routes sends it without another change.
 */
export function operatorHeaders(): Record<string, string> {
  return {};
}
