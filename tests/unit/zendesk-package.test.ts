import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildZip, packageApp } from "../../scripts/zendesk-package";
import { encodePng } from "../../zendesk-app/scripts/png";

const realManifest = JSON.parse(readFileSync("zendesk-app/manifest.json", "utf8"));
const realTranslations = readFileSync("zendesk-app/translations/en.json", "utf8");
const square = (size: number) => encodePng(size, size, () => [31, 115, 183, 255]);

let appDir: string;

/** A built app as the sidebar build leaves it, with the project's real manifest and translations. */
function writeApp(dir: string) {
  mkdirSync(path.join(dir, "translations"), { recursive: true });
  mkdirSync(path.join(dir, "assets"), { recursive: true });
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(realManifest));
  writeFileSync(path.join(dir, "translations/en.json"), realTranslations);
  writeFileSync(
    path.join(dir, "assets/index.html"),
    '<!doctype html><link rel="stylesheet" href="./index-abc.css"><script type="module" src="./index-abc.js"></script><a href="https://example.com">x</a>',
  );
  writeFileSync(path.join(dir, "assets/index-abc.js"), "console.log(1)");
  writeFileSync(path.join(dir, "assets/index-abc.css"), "body{}");
  writeFileSync(path.join(dir, "assets/logo.png"), square(320));
  writeFileSync(path.join(dir, "assets/logo-small.png"), square(128));
}

function editManifest(change: (manifest: typeof realManifest) => void) {
  const manifest = structuredClone(realManifest);
  change(manifest);
  writeFileSync(path.join(appDir, "manifest.json"), JSON.stringify(manifest));
}

beforeEach(() => {
  appDir = mkdtempSync(path.join(tmpdir(), "zendesk-app-"));
  writeApp(appDir);
});

afterEach(() => rmSync(appDir, { recursive: true, force: true }));

describe("zendesk:package", () => {
  it("zips the manifest, translations and built assets, and nothing else", () => {
    writeFileSync(path.join(appDir, "README.md"), "not shipped");
    const { outFile, bytes } = packageApp({ appDir });
    expect(outFile).toBe(path.join(appDir, "dist", "erp-bridge-zendesk.zip"));
    const entries = unzipSync(readFileSync(outFile));
    expect(bytes).toBe(readFileSync(outFile).byteLength);
    expect(Object.keys(entries).sort()).toEqual([
      "assets/index-abc.css",
      "assets/index-abc.js",
      "assets/index.html",
      "assets/logo-small.png",
      "assets/logo.png",
      "manifest.json",
      "translations/en.json",
    ]);
    expect(JSON.parse(strFromU8(entries["manifest.json"]))).toEqual(realManifest);
  });

  it("writes the backend's domain into the zipped manifest's whitelist, leaving the source alone", () => {
    const { zip, whitelist } = buildZip(appDir, ["erp-bridge.example.com"]);
    expect(whitelist).toEqual(["erp-bridge.example.com"]);
    const zipped = JSON.parse(strFromU8(unzipSync(zip)["manifest.json"]));
    expect(zipped.domainWhitelist).toEqual(["erp-bridge.example.com"]);
    expect(zipped.parameters).toEqual(realManifest.parameters);
    expect(JSON.parse(readFileSync(path.join(appDir, "manifest.json"), "utf8")).domainWhitelist).toEqual([]);
  });

  it("refuses a manifest that does not parse", () => {
    writeFileSync(path.join(appDir, "manifest.json"), '{ "name": "ERP Bridge", ');
    expect(() => buildZip(appDir)).toThrow(/manifest\.json is not valid JSON/);
  });

  it("refuses a shared secret that is not secure", () => {
    editManifest((manifest) => {
      manifest.parameters.find((parameter: { name: string }) => parameter.name === "shared_secret").secure = false;
    });
    expect(() => buildZip(appDir)).toThrow('the parameter "shared_secret" must be "secure": true');
  });

  it("refuses a manifest without the backend URL parameter", () => {
    editManifest((manifest) => {
      manifest.parameters = manifest.parameters.filter((parameter: { name: string }) => parameter.name !== "backend_url");
    });
    expect(() => buildZip(appDir)).toThrow('required parameter "backend_url"');
  });

  it("refuses a page that refers to a file the build did not produce", () => {
    rmSync(path.join(appDir, "assets/index-abc.js"));
    expect(() => buildZip(appDir)).toThrow("assets/index.html refers to ./index-abc.js, which is not in assets/");
  });

  it("refuses a location url that does not exist", () => {
    rmSync(path.join(appDir, "assets/index.html"));
    expect(() => buildZip(appDir)).toThrow("the manifest's location url assets/index.html does not exist");
  });

  it("refuses a logo of the wrong size", () => {
    writeFileSync(path.join(appDir, "assets/logo.png"), square(64));
    expect(() => buildZip(appDir)).toThrow("assets/logo.png must be a 320x320 PNG, found 64x64");
  });
});
