// Bundles every module in src/ into ../wwwroot/dist, with the CSS and images the libraries bring.
import { build } from 'esbuild';
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';

const entryPoints = readdirSync('src').filter(f => f.endsWith('.js')).map(f => `src/${f}`);
const outdir = '../wwwroot/dist';
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints,
  outdir,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['es2020'],
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'warning',
});
writeFileSync(`${outdir}/.stamp`, new Date().toISOString());
