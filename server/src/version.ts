/** The product version, from package.json at build time (esbuild inlines the JSON). */
import pkg from '../../package.json';

export const VERSION: string = pkg.version;
