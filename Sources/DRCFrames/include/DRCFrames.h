// Cheap call-path capture for the array library's source locator.
//
// Walking the frame-pointer chain costs a few nanoseconds per frame, against microseconds for a
// full backtrace capture; the locator uses the return addresses only as a cache key and
// symbolicates (with the Swift runtime's backtracer) just once per distinct call path.

#ifndef DRC_FRAMES_H
#define DRC_FRAMES_H

#include <stdint.h>

/// Writes up to `max` return addresses of the calling thread's stack, innermost first, starting
/// with the caller of this function, and returns how many were written. The walk stops early at
/// a frame pointer that is null, misaligned, or not a little above the previous one.
int drc_caller_frames(uintptr_t *out, int max);

/// A 64-bit hash (word-wise FNV-1a, then mixed) of `count` addresses, for keying a cache by call path.
uint64_t drc_frames_hash(const uintptr_t *frames, int count);

#endif
