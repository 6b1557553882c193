import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';

/** s3rver's one account: the SDK signs with it, and s3rver refuses any other. */
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A local S3-compatible server (s3rver) on a loopback port, keeping its objects in a temporary
 * folder of its own, with `buckets` made at start. stop() closes it and removes the folder.
 *
 * One change makes it keep S3's promise that an object appears whole or not at all: s3rver writes
 * an object's file in place, so an upload in progress, or one whose connection was cut, would be
 * listed and served half written. Here each upload is written to a staging key and renamed to its
 * own once its body has all arrived; a request whose body never arrives whole publishes nothing.
 */
export class S3Server {
  private constructor(
    private readonly server: S3rver,
    readonly directory: string,
    readonly port: number,
  ) {}

  static async start(buckets: string[]): Promise<S3Server> {
    const directory = mkdtempSync(join(tmpdir(), 'store-monitor-s3rver-'));
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      directory,
      silent: true,
      configureBuckets: buckets.map((name) => ({ name })),
    });
    publishWhole((server as unknown as { store: FilesystemStore }).store);
    const address = (await server.run()) as AddressInfo;
    return new S3Server(server, directory, address.port);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const http = (this.server as unknown as { httpServer?: { closeAllConnections(): void } }).httpServer;
    // Clients' idle keep-alive connections would hold close() open.
    http?.closeAllConnections();
    await this.server.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** The part of s3rver's file store (lib/stores/filesystem.js) that publishWhole wraps. */
interface FilesystemStore {
  putObject(object: StoredObject): Promise<unknown>;
  getResourcePath(bucket: string, key: string, resource: string): string;
}

interface StoredObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
}

/** An object's files in s3rver's folder; the object file last, as its presence is the object's. */
const RESOURCES = ['object.md5', 'metadata.json', 'object'];

function publishWhole(store: FilesystemStore): void {
  const putObject = store.putObject.bind(store);
  store.putObject = async (object) => {
    const staged = Object.assign(Object.create(Object.getPrototypeOf(object)), object, {
      key: `.staging/${randomUUID()}`,
    }) as StoredObject;
    const paths = (key: string) => RESOURCES.map((resource) => store.getResourcePath(object.bucket, key, resource));
    try {
      // s3rver leaves a body stream's error (a cut connection) unheard, and its write waiting.
      const result = await new Promise((resolve, reject) => {
        if (!Buffer.isBuffer(object.content)) object.content.once('error', reject);
        putObject(staged).then(resolve, reject);
      });
      const [from, to] = [paths(staged.key), paths(object.key)];
      mkdirSync(dirname(to[2]), { recursive: true });
      for (let i = 0; i < RESOURCES.length; i++) await rename(from[i], to[i]).catch(ignoreMissing);
      return result;
    } catch (error) {
      await Promise.all(paths(staged.key).map((path) => rm(path, { force: true })));
      throw error;
    }
  };
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
