// An m.image carries the picture's width and height (info.w/h) read from the PNG itself; anything
// that is not a whole PNG header gets none, never a made-up size.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileMessage, pngSize } from '../../adapters/matrix/render.ts';

function pngHeader(w: number, h: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return b;
}

describe('the size of a PNG sent as an m.image', () => {
  it('is read from its IHDR, for any size', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (w, h) => {
      expect(pngSize(pngHeader(w, h))).toEqual({ w, h });
    }));
  });

  it('is absent for anything else: a CSV, a cut header, another chunk first', () => {
    expect(pngSize(Buffer.from('name,joined\nSam,09:01\n'))).toBeUndefined();
    expect(pngSize(pngHeader(10, 20).subarray(0, 20))).toBeUndefined();
    const other = pngHeader(10, 20);
    other.write('tEXt', 12, 'latin1');
    expect(pngSize(other)).toBeUndefined();
  });

  it('goes into the image message only', () => {
    const png = pngHeader(1200, 640);
    expect(fileMessage({ name: 'a.png', contentType: 'image/png', size: png.length, data: png }, 'mxc://x/y')['info']).toEqual({ mimetype: 'image/png', size: 33, w: 1200, h: 640 });
    expect(fileMessage({ name: 'a.csv', contentType: 'text/csv', size: png.length, data: png }, 'mxc://x/y')['info']).toEqual({ mimetype: 'text/csv', size: 33 });
  });
});
