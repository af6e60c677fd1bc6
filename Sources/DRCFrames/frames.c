// Frame-pointer walking for DRCFrames.h: the caller's return addresses, without unwind tables.
//
// Every frame between here and `main` in a Swift program keeps its frame pointer (Swift keeps
// them on the platforms drc supports), so each frame record is {previous frame pointer, return
// address}. The walk is defensive: it only follows pointers that move up the stack by less than
// a megabyte, so a frame without a record, or an async frame's tagged pointer, ends it.

#include "DRCFrames.h"

__attribute__((noinline))
int drc_caller_frames(uintptr_t *out, int max) {
  uintptr_t *fp = (uintptr_t *)__builtin_frame_address(0);
  int n = 0;
  while (n < max && fp != 0 && ((uintptr_t)fp & (sizeof(uintptr_t) - 1)) == 0) {
    uintptr_t ret = fp[1];
    if (ret == 0) break;
    out[n++] = ret;
    uintptr_t *next = (uintptr_t *)fp[0];
    if (next <= fp || (uintptr_t)next - (uintptr_t)fp > (1u << 20)) break;
    fp = next;
  }
  return n;
}

uint64_t drc_frames_hash(const uintptr_t *frames, int count) {
  // FNV-1a over whole words, then a final avalanche (from MurmurHash3's fmix64).
  uint64_t h = 14695981039346656037ull;
  for (int i = 0; i < count; i++) {
    h ^= (uint64_t)frames[i];
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}
