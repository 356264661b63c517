// The runner image, built locally from scratch: no registry is ever asked for anything. It holds
// only /etc/passwd and /etc/group (so os/user works) and runs as nobody; the program's binary is
// mounted read-only at run time. Versioned by a label; rebuilt when missing or older.
import type Docker from 'dockerode';
import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';

export const RUNNER_VERSION = '3';
export const RUNNER_IMAGE = `gopherlab-runner:${RUNNER_VERSION}`;
export const RUNNER_LABEL = 'dev.gopherlab.runner';

// The root file system comes as a tar so /tmp keeps mode 1777: Docker copies the image's /tmp
// mode onto the tmpfs mounted there, and a root-owned 0755 /tmp would be unwritable for nobody.
const DOCKERFILE = `FROM scratch
ADD rootfs.tar /
LABEL ${RUNNER_LABEL}="${RUNNER_VERSION}"
USER 65534:65534
WORKDIR /tmp
`;

export async function ensureRunnerImage(docker: Docker): Promise<{ built: boolean }> {
  try {
    const info = await docker.getImage(RUNNER_IMAGE).inspect();
    if (info.Config?.Labels?.[RUNNER_LABEL] === RUNNER_VERSION) return { built: false };
  } catch {
    // not there: build it
  }
  const dir = await mkdtemp(join(tmpdir(), 'gopherlab-image-'));
  try {
    const rootfs = join(dir, 'rootfs');
    await mkdir(join(rootfs, 'etc'), { recursive: true });
    await mkdir(join(rootfs, 'tmp'));
    await chmod(join(rootfs, 'tmp'), 0o1777);
    await writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\n');
    await writeFile(join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
    // Not `portable`: that rewrites modes with a 022 umask, and /tmp must stay 1777.
    await createTar({ cwd: rootfs, file: join(dir, 'rootfs.tar') }, ['etc', 'tmp']);
    await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
    const context = createTar({ cwd: dir, portable: true }, ['Dockerfile', 'rootfs.tar']);
    const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: RUNNER_IMAGE, labels: { [RUNNER_LABEL]: RUNNER_VERSION }, pull: undefined, nocache: false });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
        const failed = err ?? events.find((e) => e.error);
        if (failed) reject(new Error(`building the runner image failed: ${failed instanceof Error ? failed.message : failed.error}`));
        else resolve();
      });
    });
    return { built: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
