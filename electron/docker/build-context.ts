// The build context sent to the engine: a challenge folder as a tar, .dockerignore honoured.
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import dockerignore from '@balena/dockerignore';
import { pack } from 'tar-fs';
import { BerthError } from '../../shared/errors';

/** A folder checked for building: where it is and which file inside it is the Dockerfile. */
export interface BuildFolder {
  dir: string;
  /** Relative to `dir`, with forward slashes, as the engine wants it. */
  dockerfile: string;
}

/** Checks the folder and the Dockerfile inside it; a missing one is an error naming what to fix. */
export async function checkBuildFolder(
  dir: string,
  dockerfile = 'Dockerfile',
): Promise<BuildFolder> {
  if (!isAbsolute(dir)) {
    throw new BerthError('invalid-input', 'Give the challenge folder as an absolute path', {
      field: 'contextDir',
    });
  }
  const folder = await stat(dir).catch(() => null);
  if (folder?.isDirectory() !== true) {
    throw new BerthError('not-found', `There is no folder at ${dir}`, { field: 'contextDir' });
  }
  const inside = normalize(dockerfile).split(sep).join('/');
  if (isAbsolute(dockerfile) || inside === '..' || inside.startsWith('../')) {
    throw new BerthError('invalid-input', 'The Dockerfile must be inside the challenge folder', {
      field: 'dockerfile',
    });
  }
  const file = await stat(join(dir, inside)).catch(() => null);
  if (file?.isFile() !== true) {
    throw new BerthError('not-found', `The folder has no ${inside}`, { field: 'dockerfile' });
  }
  return { dir, dockerfile: inside };
}

/** The patterns of the folder's .dockerignore; none when it has no such file. */
export async function ignorePatterns(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, '.dockerignore'), 'utf8').catch(() => '');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** A tar stream of the folder without what .dockerignore excludes; the Dockerfile always goes. */
export async function buildContext(folder: BuildFolder): Promise<Readable> {
  const patterns = await ignorePatterns(folder.dir);
  const filter = dockerignore({ ignorecase: false }).add(patterns);
  const always = new Set([folder.dockerfile, '.dockerignore']);
  // With an exception ("!dir/keep") an ignored folder must still be walked for what it keeps.
  const walkIgnoredFolders = patterns.some((pattern) => pattern.startsWith('!'));
  const archive = pack(folder.dir, {
    ignore: (name) => {
      const path = relative(folder.dir, name).split(sep).join('/');
      if (path === '' || always.has(path)) return false;
      if (!filter.ignores(path)) return false;
      return !(walkIgnoredFolders && statSync(name, { throwIfNoEntry: false })?.isDirectory());
    },
    // As the docker command line does: the engine sees files owned by root.
    map: (header) => ({ ...header, uid: 0, gid: 0, uname: 'root', gname: 'root' }),
  });
  // tar-fs hands out a streamx stream; the engine request wants a Node stream of bytes.
  return Readable.from(archive as AsyncIterable<Buffer>, { objectMode: false });
}
