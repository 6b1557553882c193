/**
 * A DataView over the chunk of bytes a reader is in, made again only when the chunk changes:
 * readers look at millions of lines, a few hundred chunks. Through it, four bytes of a line are
 * one 32-bit load at any offset, not four loads put together.
 */
export class ByteView {
  private bytes: Uint8Array | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));

  of(bytes: Uint8Array): DataView {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }
}
