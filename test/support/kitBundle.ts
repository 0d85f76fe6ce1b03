import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";

/**
 * RainbowKit 2.2 imports connectors the installed wagmi 2.9 does not have yet (`baseAccount` for
 * its "Base" wallet, `gemini`, `porto`): without stand-ins the bundle does not link. Each throws
 * if called; the RainbowKit page lists no wallet that uses them, so nothing does.
 */
const NEWER_CONNECTORS = ["baseAccount", "gemini", "porto"];

/**
 * `wagmi/connectors` with the stand-ins, and `@wagmi/connectors` (which ConnectKit imports by
 * name) resolved where wagmi keeps its own copy.
 */
const connectorsShim: esbuild.Plugin = {
  name: "wagmi-connectors-shim",
  setup(build) {
    build.onResolve({ filter: /^@wagmi\/connectors$/ }, async (args) => {
      if (args.pluginData === "real") return undefined;
      const wagmi = await build.resolve("wagmi/package.json", {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "real",
      });
      return build.resolve("@wagmi/connectors", {
        kind: args.kind,
        resolveDir: wagmi.path.replace(/\/package\.json$/, ""),
        pluginData: "real",
      });
    });
    build.onResolve({ filter: /^wagmi\/connectors$/ }, async (args) => {
      if (args.pluginData === "real") return undefined;
      const real = await build.resolve("wagmi/connectors", {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "real",
      });
      return { path: real.path, namespace: "wagmi-connectors" };
    });
    build.onLoad({ filter: /.*/, namespace: "wagmi-connectors" }, (args) => ({
      contents: [
        `export * from ${JSON.stringify(args.path)};`,
        ...NEWER_CONNECTORS.map(
          (name) => `export function ${name}() { throw new Error("${name} is not in the installed wagmi"); }`,
        ),
      ].join("\n"),
      resolveDir: "/",
    }));
  },
};

export interface KitBundle {
  js: string;
  css: string;
}

/**
 * Bundles a kit's test dApp (React, wagmi, the kit) as a dApp's build would: one script and, for
 * a kit that ships a stylesheet, one CSS file, written to `outdir`.
 */
export async function bundleKit(entry: string, outdir: string): Promise<KitBundle> {
  const name = entry.replace(/^.*\//, "").replace(/\.ts$/, "");
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    outdir,
    minify: true,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    plugins: [connectorsShim],
  });
  const read = (ext: string) => {
    try {
      return readFileSync(join(outdir, `${name}.${ext}`), "utf8");
    } catch {
      return "";
    }
  };
  return { js: read("js"), css: read("css") };
}

/**
 * The page a kit's dApp is served as: its stylesheet, the two chains it may use (the anvils'
 * ports are chosen at run time, so the page is told them before its script runs), its script.
 */
export function kitPage(
  title: string,
  bundle: KitBundle,
  chains: Array<{ id: number; name: string; rpc: string }>,
): string {
  const script = bundle.js.replaceAll("</script", "<\\/script");
  return [
    `<!doctype html><meta charset="utf-8"><title>${title}</title>`,
    `<style>${bundle.css.replaceAll("</style", "<\\/style")}</style>`,
    `<script>window.kitChains = ${JSON.stringify(chains)};</script>`,
    `<body><script>${script}</script></body>`,
  ].join("\n");
}
