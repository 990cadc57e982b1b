// Zip files (a Word document is one) read and rewritten for the tests, with Node's zlib only:
// `zipEntries(bytes)` gives each entry's name and bytes; `replaceInZip(bytes, {name: bytes})`
// the same zip with those entries' contents replaced (stored), every other entry as it was.
import zlib from 'node:zlib';

function entries(zip) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const list = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip directory');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    list.push({ name, method, crc, size, data: zip.subarray(start, start + packed) });
    at += 46 + skip;
  }
  return list;
}

/** Each entry of the zip: {name, bytes}. */
export function zipEntries(zip) {
  return entries(zip).map((e) => ({ name: e.name, bytes: e.method === 8 ? zlib.inflateRawSync(e.data) : e.data }));
}

/** The zip with the entries named in `replaced` holding those bytes instead. */
export function replaceInZip(zip, replaced) {
  const locals = [];
  const directory = [];
  let offset = 0;
  for (const e of entries(zip)) {
    const bytes = replaced[e.name];
    const entry = bytes ? { ...e, method: 0, crc: zlib.crc32(bytes), size: bytes.length, data: bytes } : e;
    const name = Buffer.from(entry.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(entry.method, 8);
    head.writeUInt32LE(entry.crc, 14);
    head.writeUInt32LE(entry.data.length, 18);
    head.writeUInt32LE(entry.size, 22);
    head.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.data.length, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(head, name, entry.data);
    directory.push(record, name);
    offset += 30 + name.length + entry.data.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(directory.length / 2, 8);
  end.writeUInt16LE(directory.length / 2, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}
