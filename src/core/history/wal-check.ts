/**
 * Reads a WAL file the way SQLite recovers it, to find committed changes recovery would drop: after
 * a frame whose checksum fails, SQLite ignores every later frame, commits included. A crash or
 * SIGKILL never causes that (frames are written whole, in order); damage to the file does.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs'

const HEADER = 32
const FRAME_HEADER = 24
const MAGIC_LE = 0x377f0682
const MAGIC_BE = 0x377f0683

/** Committed changes SQLite's recovery would drop from this WAL (0 when it is sound or absent). */
export interface WalCheck {
  lostCommits: number
  modifiedAt?: Date
}

export function checkWal(walFile: string): WalCheck {
  let size: number
  let modifiedAt: Date
  try {
    const stat = statSync(walFile)
    size = stat.size
    modifiedAt = stat.mtime
  } catch {
    return { lostCommits: 0 }
  }
  if (size < HEADER) return { lostCommits: 0 }
  const bytes = Buffer.alloc(size)
  const fd = openSync(walFile, 'r')
  try {
    readSync(fd, bytes, 0, size, 0)
  } finally {
    closeSync(fd)
  }
  const magic = bytes.readUInt32BE(0)
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return { lostCommits: 0 }
  const bigEndian = magic === MAGIC_BE
  const pageSize = bytes.readUInt32BE(8) || 65536
  const salt1 = bytes.readUInt32BE(16)
  const salt2 = bytes.readUInt32BE(20)
  let sums = checksum(bytes, 0, 24, [0, 0], bigEndian)
  if (sums[0] !== bytes.readUInt32BE(24) || sums[1] !== bytes.readUInt32BE(28)) {
    return { lostCommits: 0 }
  }
  let broken = false
  let lostCommits = 0
  for (let at = HEADER; at + FRAME_HEADER + pageSize <= size; at += FRAME_HEADER + pageSize) {
    const sameGeneration =
      bytes.readUInt32BE(at + 8) === salt1 && bytes.readUInt32BE(at + 12) === salt2
    if (!sameGeneration) break
    const commit = bytes.readUInt32BE(at + 4) !== 0
    if (!broken) {
      sums = checksum(bytes, at, 8, sums, bigEndian)
      sums = checksum(bytes, at + FRAME_HEADER, pageSize, sums, bigEndian)
      broken = sums[0] !== bytes.readUInt32BE(at + 16) || sums[1] !== bytes.readUInt32BE(at + 20)
    }
    if (broken && commit) lostCommits++
  }
  return { lostCommits, modifiedAt }
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) from `start`, continuing `sums`. */
function checksum(
  bytes: Buffer,
  start: number,
  length: number,
  sums: [number, number],
  bigEndian: boolean
): [number, number] {
  let [s1, s2] = sums
  for (let i = start; i < start + length; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i)
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4)
    s1 = (s1 + x0 + s2) >>> 0
    s2 = (s2 + x1 + s1) >>> 0
  }
  return [s1, s2]
}
