const CRC16_TABLE = buildCrc16Table();

function buildCrc16Table(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
}

/** CRC16-XMODEM (poly 0x1021, init 0), the checksum Redis Cluster hashes keys with. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/**
 * The part of a key Redis hashes: the text between the first `{` and the first `}` after it,
 * when that text is non-empty; otherwise the whole key (so `foo{}{bar}` hashes whole).
 */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

const encoder = new TextEncoder();

/** The cluster hash slot of a key, exactly as Redis's `CLUSTER KEYSLOT` computes it. */
export function keySlot(key: string): number {
  return keySlotOfBytes(encoder.encode(key));
}

/** The slot of a key given as its bytes (a key read from a server need not be UTF-8); `{` and `}` are single bytes in UTF-8. */
export function keySlotOfBytes(key: Uint8Array): number {
  const open = key.indexOf(0x7b);
  const close = open === -1 ? -1 : key.indexOf(0x7d, open + 1);
  const hashed = close === -1 || close === open + 1 ? key : key.subarray(open + 1, close);
  return crc16(hashed) & 16383;
}
