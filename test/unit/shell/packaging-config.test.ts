import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { Packager } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const configFile = 'build/electron-builder.yml';

function loadConfig(): Configuration {
  return parse(readFileSync(path.join(root, configFile), 'utf8')) as Configuration;
}

/** Runs electron-builder's own configuration check (its JSON schema and metadata rules), offline. */
async function validated(config: string | Configuration): Promise<Configuration> {
  const packager = new Packager({ projectDir: root, config });
  await packager.validateConfig();
  return packager.config;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("Berth's packaging config", () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await validated(configFile);

    expect(config.appId).toBe('dev.berth.desktop');
    expect(config.productName).toBe('Berth');
  });

  it('is refused by the same validation when an option is misspelt', async () => {
    await expect(validated({ ...loadConfig(), electronFuse: {} } as Configuration)).rejects.toThrow(
      /electronFuse/,
    );
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS or inspector, encrypted cookies, only a checked asar', async () => {
    const config = await validated(configFile);

    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', () => {
    const config = loadConfig();

    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('rebuilds native modules (better-sqlite3) for Electron at packaging time and unpacks them', () => {
    const config = loadConfig();

    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships the bundles and the built renderer, with package.json pointing at the main bundle', () => {
    const config = loadConfig();
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };

    expect(config.files).toEqual(
      expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']),
    );
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.scripts.dist).toContain('build/dist.mjs');
    expect(config.directories?.output).toMatch(/^release\//);
  });

  it('has icons at the sizes each platform needs', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const file = path.join(root, 'build', 'icons', `${size}x${size}.png`);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    // macOS (.icns) and Windows (.ico) icons are derived by electron-builder from this one.
    expect(pngSize(path.join(root, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
  });
});
