/**
 * Putting a finished Gold folder in place without a moment where `--out` is missing or half
 * written. `--out` is a symbolic link to a complete sibling folder `.<out>.version-…`; a new
 * build flips it by renaming a fresh link over it (one rename, atomic on POSIX), and only then
 * removes the version it replaced. Readers of `--out` (the server, a static host, `pnpm sample`)
 * see the old Gold or the new one, never neither; the one exception is the first build over a
 * real folder, which must move it aside before linking it (two renames, recovered if killed).
 *
 * Sibling names, all beside `--out` and carrying the id of the process that made them:
 *   .<out>.building-<pid>-…   a build in progress (never shown; removed once its process is gone)
 *   .<out>.version-<pid>-…    a complete Gold, shown when `--out` links to it
 *   .<out>.link-<pid>-…       a link about to replace `--out`
 *   .<out>.building-…previous the previous Gold as moved aside by builds before the link layout
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The points between the steps of `publishGold`, where a kill can land (tests stop there). */
export type PublishStep = 'moved-aside' | 'migrated' | 'published' | 'linked' | 'flipped';

const names = (out: string) => {
  const prefix = `.${basename(out)}.`;
  return { prefix, building: `${prefix}building-`, version: `${prefix}version-`, link: `${prefix}link-` };
};

/** A fresh staging folder beside `out` (unique even for builds started in the same millisecond). */
export function createStaging(out: string): string {
  const staging = join(dirname(out), `${names(out).building}${process.pid}-${uniqueStamp()}`);
  // Not mkdtemp: its 0700 would hide the published Gold from a server or web host running as
  // another user; a plain mkdir follows the umask, and fails rather than share a folder.
  mkdirSync(dirname(out), { recursive: true });
  mkdirSync(staging);
  return staging;
}

const uniqueStamp = () => `${Date.now()}-${randomBytes(4).toString('hex')}`;

/**
 * Makes `out` link to the complete folder `staging`. A real folder at `out` (from before the
 * link layout, or made by hand) is first moved aside as a version and linked, so it is restored
 * if the process dies between those two renames; the new Gold is published only after.
 */
export function publishGold(staging: string, out: string, step: (at: PublishStep) => void = () => {}): void {
  const dir = dirname(out);
  const n = names(out);
  const stamp = basename(staging).slice(n.building.length);
  const current = lstatOrNull(out);
  if (current && !current.isSymbolicLink()) {
    const moved = `${n.version}${stamp}-migrated`;
    renameSync(out, join(dir, moved));
    step('moved-aside');
    flipLink(out, moved);
    step('migrated');
  }
  const previous = linkedVersion(out);
  const version = `${n.version}${stamp}`;
  renameSync(staging, join(dir, version));
  step('published');
  const link = join(dir, `${n.link}${stamp}`);
  symlinkSync(version, link, 'dir');
  step('linked');
  try {
    renameSync(link, out);
  } catch (error) {
    unlinkSync(link);
    rmSync(join(dir, version), { recursive: true, force: true });
    throw error;
  }
  step('flipped');
  if (previous && previous !== version) rmSync(join(dir, previous), { recursive: true, force: true });
}

/**
 * Run before every build, so even one that fails goes through it: a Gold left unlinked (the
 * process died between the two renames of a move, or of a swap by an older version, which left
 * it as `.building-…previous`) is linked at `out` again, never removed; then what dead builds
 * left (staging, unlinked versions, links) is removed. What a live build may still use is kept.
 */
export function recoverOut(out: string): void {
  const dir = dirname(out);
  const n = names(out);
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => name.startsWith(n.prefix));
  } catch {
    return;
  }
  if (!existsSync(out)) {
    const complete = entries
      .filter((name) => (name.startsWith(n.version) || (name.startsWith(n.building) && name.endsWith('.previous'))) && existsSync(join(dir, name, 'manifest.json')))
      .map((name) => ({ name, builtAt: builtAt(join(dir, name)) }));
    // Each manifest read once, not once per comparison.
    const newest = complete.sort((a, b) => a.builtAt.localeCompare(b.builtAt) || a.name.localeCompare(b.name)).at(-1)?.name;
    if (newest) {
      let version = newest;
      if (newest.startsWith(n.building)) {
        version = `${n.version}${newest.slice(n.building.length, -'.previous'.length)}-restored`;
        renameSync(join(dir, newest), join(dir, version));
      }
      flipLink(out, version);
    }
  }
  const linked = linkedVersion(out);
  for (const name of readdirSync(dir)) {
    const kind = [n.building, n.version, n.link].find((p) => name.startsWith(p));
    if (!kind || name === linked) continue;
    const pid = Number(name.slice(kind.length).split('-')[0]);
    if (!Number.isInteger(pid)) continue;
    // This process publishes synchronously, so only its staging folders can be in use now.
    if (pid === process.pid ? kind === n.building : isAlive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** The version folder `out` links to, when it is one of ours (a name beside it). */
export function linkedVersion(out: string): string | undefined {
  let target: string;
  try {
    target = readlinkSync(out);
  } catch {
    return undefined;
  }
  return target.startsWith(names(out).version) && !/[/\\]/.test(target) ? target : undefined;
}

/** Points `out` at `version` (a sibling name) with one rename of a new link over it. */
function flipLink(out: string, version: string): void {
  const link = join(dirname(out), `${names(out).link}${process.pid}-${uniqueStamp()}`);
  // Relative, so the pair can be moved or mounted elsewhere together.
  symlinkSync(version, link, 'dir');
  renameSync(link, out);
}

function builtAt(dir: string): string {
  try {
    return String(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).builtAt ?? '');
  } catch {
    return '';
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
