// Zips a folder reproducibly: the same files give the same bytes, whenever and wherever it
// runs. Entries sorted by name (bytewise, UTF-8, flagged as such), every entry dated
// SOURCE_DATE_EPOCH (the commit's time, as scripts/release sets it; zip stores local time
// without a zone, so its UTC fields are written, and nothing before 1980), permissions 0644
// (0755 for folders and for files executable here), deflate at level 9 where it saves
// bytes, nothing else (no extra fields, owners or comments).
//
//   SOURCE_DATE_EPOCH=… node scripts/zip-folder.mjs OUT.zip DIR [PREFIX]
//
// The entries are DIR's contents under PREFIX/ (PREFIX: DIR's own name if not given).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [out, dir, prefix = path.basename(path.resolve(dir || '.'))] = process.argv.slice(2);
if (!out || !dir) {
  console.error('usage: SOURCE_DATE_EPOCH=… node scripts/zip-folder.mjs OUT.zip DIR [PREFIX]');
  process.exit(2);
}
const epoch = Number(process.env.SOURCE_DATE_EPOCH);
if (!Number.isInteger(epoch)) {
  console.error('zip-folder: SOURCE_DATE_EPOCH (seconds) must be set: the entries carry it');
  process.exit(2);
}
const date = new Date(Math.max(epoch, 315532800) * 1000); // 1980-01-01, zip's first day
const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();

/** Every folder and file under `root`, as paths relative to it with `/`. */
function walk(root, rel = '') {
  const found = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push({ name: `${name}/`, folder: true }, ...walk(root, name));
    else if (entry.isFile()) found.push({ name, folder: false });
    else throw new Error(`zip-folder: ${name} is neither a file nor a folder`);
  }
  return found;
}

const entries = [{ name: '', folder: true }, ...walk(dir)]
  .map((e) => ({ ...e, full: Buffer.from(`${prefix}/${e.name}`, 'utf8') }))
  .sort((a, b) => Buffer.compare(a.full, b.full));

const locals = [];
const directory = [];
let offset = 0;
for (const e of entries) {
  const file = path.join(dir, e.name);
  const data = e.folder ? Buffer.alloc(0) : fs.readFileSync(file);
  const executable = !e.folder && (fs.statSync(file).mode & 0o111) !== 0;
  const deflated = data.length ? zlib.deflateRawSync(data, { level: 9 }) : data;
  const method = deflated.length < data.length ? 8 : 0;
  const body = method === 8 ? deflated : data;
  const crc = zlib.crc32(data);
  const mode = e.folder ? 0o040755 : executable ? 0o100755 : 0o100644;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: 2.0
  local.writeUInt16LE(0x0800, 6); // names in UTF-8
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(e.full.length, 26);
  locals.push(local, e.full, body);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (the mode is Unix's)
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(dosTime, 12);
  central.writeUInt16LE(dosDate, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(e.full.length, 28);
  central.writeUInt32LE(((mode << 16) | (e.folder ? 0x10 : 0)) >>> 0, 38);
  central.writeUInt32LE(offset, 42);
  directory.push(central, e.full);
  offset += 30 + e.full.length + body.length;
}
if (offset > 0xffffffff || entries.length > 0xffff) throw new Error('zip-folder: too large for a zip without zip64');
const size = directory.reduce((n, b) => n + b.length, 0);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(entries.length, 8);
end.writeUInt16LE(entries.length, 10);
end.writeUInt32LE(size, 12);
end.writeUInt32LE(offset, 16);
fs.writeFileSync(out, Buffer.concat([...locals, ...directory, end]));
