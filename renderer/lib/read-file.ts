// Reading a file the operator picked or dropped.

/** The file's text, refusing files larger than `maxBytes` before reading them. */
export async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new RangeError(`${file.name} is larger than ${Math.round(maxBytes / 1024)} KB`);
  }
  return file.text();
}
