/**
 * Packages the Zendesk sidebar app into the zip Zendesk installs (Admin Center upload or zcli):
 * manifest.json, translations/ and the built assets/. It checks first what Zendesk's upload
 * would otherwise reject late (or accept broken): a manifest that parses, the two installation
 * parameters with the shared secret marked secure, the logos, and every file the manifest and
 * its HTML pages refer to.
 *
 *   npm run zendesk:package                       # zendesk-app/dist/erp-bridge-zendesk.zip
 *   npm run zendesk:package -- --domain erp-bridge.example.com
 *
 * --domain (repeatable) adds the backend's host to the zipped manifest's domainWhitelist:
 * Zendesk only fills secure settings into requests to whitelisted domains, and the source
 * manifest cannot know the merchant's backend.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { zipSync } from "fflate";
import { AppError } from "../app/errors";
import { pngSize } from "../zendesk-app/scripts/png";

export const APP_DIR = path.resolve("zendesk-app");
export const ZIP_NAME = "erp-bridge-zendesk.zip";

const LOGOS = [
  { file: "assets/logo.png", size: 320 },
  { file: "assets/logo-small.png", size: 128 },
];

interface Manifest {
  defaultLocale?: string;
  location?: Record<string, Record<string, { url?: string } | string>>;
  parameters?: { name?: string; type?: string; required?: boolean; secure?: boolean }[];
  domainWhitelist?: string[];
  [key: string]: unknown;
}

const invalid = (message: string) => new AppError("validation", `Zendesk app package: ${message}`);

/** Reads and checks the app folder; answers the manifest and the files that go in the zip. */
export function checkApp(appDir: string = APP_DIR): { manifest: Manifest; files: string[] } {
  const manifestFile = path.join(appDir, "manifest.json");
  if (!existsSync(manifestFile)) throw invalid(`${manifestFile} is missing`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  } catch (error) {
    throw invalid(`manifest.json is not valid JSON: ${(error as Error).message}`);
  }
  checkParameters(manifest);

  const locale = manifest.defaultLocale ?? "en";
  const translation = path.join(appDir, "translations", `${locale}.json`);
  if (!existsSync(translation)) throw invalid(`translations/${locale}.json (the default locale) is missing`);
  try {
    JSON.parse(readFileSync(translation, "utf8"));
  } catch (error) {
    throw invalid(`translations/${locale}.json is not valid JSON: ${(error as Error).message}`);
  }

  if (!existsSync(path.join(appDir, "assets"))) throw invalid("assets/ is missing: run `npm run zendesk:build` first");
  for (const { file, size } of LOGOS) {
    const full = path.join(appDir, file);
    if (!existsSync(full)) throw invalid(`${file} is missing (Zendesk requires a ${size}x${size} PNG)`);
    const actual = pngSize(readFileSync(full));
    if (!actual || actual.width !== size || actual.height !== size) {
      throw invalid(`${file} must be a ${size}x${size} PNG, found ${actual ? `${actual.width}x${actual.height}` : "something else"}`);
    }
  }

  const pages = locationUrls(manifest);
  if (pages.length === 0) throw invalid("manifest.json declares no location with a url");
  for (const page of pages) {
    if (/^https?:\/\//i.test(page)) continue;
    const full = path.join(appDir, page);
    if (!existsSync(full)) throw invalid(`the manifest's location url ${page} does not exist: run \`npm run zendesk:build\``);
    for (const reference of htmlReferences(readFileSync(full, "utf8"))) {
      const target = path.resolve(path.dirname(full), reference.split(/[?#]/)[0]);
      if (!target.startsWith(path.join(appDir, "assets") + path.sep) || !existsSync(target)) {
        throw invalid(`${page} refers to ${reference}, which is not in assets/`);
      }
    }
  }

  const files = ["manifest.json", ...listFiles(appDir, "translations"), ...listFiles(appDir, "assets")];
  return { manifest, files };
}

function checkParameters(manifest: Manifest) {
  const parameters = manifest.parameters ?? [];
  const find = (name: string) => parameters.find((parameter) => parameter.name === name);
  const backendUrl = find("backend_url");
  if (!backendUrl?.required) throw invalid('manifest.json must declare the required parameter "backend_url"');
  const secret = find("shared_secret");
  if (!secret?.required) throw invalid('manifest.json must declare the required parameter "shared_secret"');
  if (secret.secure !== true) {
    throw invalid('the parameter "shared_secret" must be "secure": true, or Zendesk hands the secret to every agent\'s browser');
  }
}

function locationUrls(manifest: Manifest): string[] {
  const urls: string[] = [];
  for (const product of Object.values(manifest.location ?? {})) {
    for (const location of Object.values(product ?? {})) {
      const url = typeof location === "string" ? location : location?.url;
      if (url) urls.push(url);
    }
  }
  return urls;
}

/** Relative src/href values of an HTML page: what Zendesk's CDN must serve beside it. */
function htmlReferences(html: string): string[] {
  const references: string[] = [];
  for (const match of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) {
    const value = match[1];
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(value)) continue;
    references.push(value);
  }
  return references;
}

function listFiles(appDir: string, folder: string): string[] {
  const root = path.join(appDir, folder);
  if (!existsSync(root)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(root)) {
    const relative = `${folder}/${entry}`;
    if (statSync(path.join(appDir, relative)).isDirectory()) files.push(...listFiles(appDir, relative));
    else files.push(relative);
  }
  return files.sort();
}

/** The zip's bytes: the checked files, with the extra whitelisted domains written into its manifest. */
export function buildZip(appDir: string = APP_DIR, domains: string[] = []): { zip: Uint8Array; whitelist: string[] } {
  const { manifest, files } = checkApp(appDir);
  const whitelist = [...new Set([...(manifest.domainWhitelist ?? []), ...domains])];
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file] = readFileSync(path.join(appDir, file));
  if (domains.length > 0) {
    entries["manifest.json"] = Buffer.from(`${JSON.stringify({ ...manifest, domainWhitelist: whitelist }, null, 2)}\n`);
  }
  return { zip: zipSync(entries, { level: 9 }), whitelist };
}

export function packageApp({ appDir = APP_DIR, domains = [] }: { appDir?: string; domains?: string[] } = {}) {
  const { zip, whitelist } = buildZip(appDir, domains);
  const outFile = path.join(appDir, "dist", ZIP_NAME);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return { outFile, bytes: zip.byteLength, whitelist };
}

function domainsFromArgs(args: string[]): string[] {
  const domains: string[] = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === "--domain" && args[index + 1]) domains.push(args[++index]);
    else if (args[index].startsWith("--domain=")) domains.push(args[index].slice("--domain=".length));
  }
  return domains;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const { outFile, bytes, whitelist } = packageApp({ domains: domainsFromArgs(process.argv.slice(2)) });
    console.log(`${path.relative(process.cwd(), outFile)} (${(bytes / 1024).toFixed(1)} KiB)`);
    if (whitelist.length === 0) {
      console.warn("note: domainWhitelist is empty. Zendesk fills the secure shared secret only into requests to whitelisted domains: package again with --domain <your backend's host>.");
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
