// Enforces the dependency direction between packages (architecture.md): each package carries the nx tag
// `scope:<name>`, and its non-test sources may import only the @iam packages its scope allows, declared
// in its package.json.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = join(ROOT, 'packages');

/** Which @iam packages each package may import from its non-test sources. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  proto: [],
  runtime: [],
  store: ['core'],
  pdp: ['core', 'proto', 'runtime', 'store'],
  admin: ['core', 'runtime', 'store'],
  client: ['proto'],
  express: ['client', 'core'],
  conformance: ['core'],
  server: ['core', 'store', 'pdp', 'admin', 'runtime'],
};

const IMPORT = /(?:from|import)\s*\(?\s*['"]@iam\/([\w-]+)/g;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'generated') out.push(...sources(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every violation as a readable line. */
export function violations(): string[] {
  const found: string[] = [];
  for (const pkg of readdirSync(PACKAGES)) {
    const src = join(PACKAGES, pkg, 'src');
    let exists = true;
    try { statSync(src); } catch { exists = false; }
    if (!exists) continue;
    const allowed = ALLOWED[pkg];
    if (!allowed) { found.push(`packages/${pkg}: no dependency rule (add it to tools/check-boundaries.ts)`); continue; }
    const manifest = JSON.parse(readFileSync(join(PACKAGES, pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const project = JSON.parse(readFileSync(join(PACKAGES, pkg, 'project.json'), 'utf8')) as { tags?: string[] };
    if (!project.tags?.includes(`scope:${pkg}`)) found.push(`packages/${pkg}/project.json: missing the nx tag \`scope:${pkg}\``);
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const target = m[1];
        const where = relative(ROOT, file);
        if (!allowed.includes(target)) found.push(`${where}: @iam/${pkg} may not depend on @iam/${target}`);
        else if (!manifest.dependencies?.[`@iam/${target}`]) found.push(`${where}: imports @iam/${target} but packages/${pkg}/package.json does not declare it`);
      }
    }
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const list = violations();
  for (const v of list) console.error(v);
  console.log(list.length === 0 ? 'package boundaries: 1 passed, 0 failed' : `package boundaries: 0 passed, ${list.length} failed`);
  process.exit(list.length === 0 ? 0 : 1);
}
