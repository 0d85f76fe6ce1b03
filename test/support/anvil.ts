// The tests start anvil exactly as the demo does: one implementation in scripts/lib/anvil.mjs
// (a real local chain on 127.0.0.1 and a free port; the test account mnemonic is anvil's default).
export { type Anvil, startAnvil } from "../../scripts/lib/anvil.mjs";
