/** Test helper: bundles a built entry point with esbuild for browsers, as a dapp's bundler would. */
import { build } from "esbuild";

/** Writes the ESM browser bundle of `entry` to `outfile` and returns the files esbuild put into it. */
export async function bundleForBrowser(packageRoot: string, entry: string, outfile: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: packageRoot,
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    outfile,
    logLevel: "silent",
    metafile: true,
  });
  return Object.keys(result.metafile.inputs);
}
