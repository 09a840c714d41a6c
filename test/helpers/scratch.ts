import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A scratch copy of a folder for a test that changes a few of its files: those files are real copies (free to
 * change, touch or replace), everything else is a symbolic link to the original, at the highest folder that holds
 * none of them. Readers that follow links (readdir, stat, readFile) see the whole tree; making it takes a few
 * dozen links instead of copying (and later deleting) hundreds of files and megabytes. Only write to `copies`.
 */
export function linkedCopy(source: string, copies: string[], only?: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "dvc-linked-"));
  const build = (dir: string) => {
    mkdirSync(join(root, dir), { recursive: true });
    const names = readdirSync(join(source, dir)).filter((name) => dir !== "" || !only || only.includes(name));
    for (const name of names) {
      const path = dir === "" ? name : `${dir}/${name}`;
      if (copies.includes(path)) cpSync(join(source, path), join(root, path));
      else if (copies.some((c) => c.startsWith(`${path}/`))) build(path);
      else symlinkSync(join(source, path), join(root, path));
    }
  };
  build("");
  for (const c of copies)
    if (!readdirSync(join(root, c, "..")).includes(c.split("/").pop() ?? ""))
      throw new Error(`linkedCopy: ${c} is not in ${source}`);
  return root;
}

/** Removes scratch folders (links are removed, never what they point to). */
export function removeScratch(dirs: string[]): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
