/**
 * Connections the app opens. The embedded engine has one backend, and its socket server can
 * hand one connection's results to another when several talk at once, so it gets exactly one
 * connection: statements queue in the pool instead. (Inside a transaction, use its
 * EntityManager: a second connection would wait for the transaction to end.)
 */
export function poolSize(embedded: boolean, configured: number): number {
  return embedded ? 1 : configured;
}
