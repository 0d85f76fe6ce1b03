/**
 * The launcher `install` writes sets NODE_EXTRA_CA_CERTS aside under this name, so the relay
 * starts without reading the certificates (native-host/install/plan.ts says why).
 */
export const CA_ASIDE = "VAUGHAN_EXTRA_CA_CERTS";

/** The daemon's environment: the relay's, with NODE_EXTRA_CA_CERTS back where node looks. */
export function daemonEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { [CA_ASIDE]: aside, ...rest } = env;
  return aside ? { ...rest, NODE_EXTRA_CA_CERTS: aside } : rest;
}
