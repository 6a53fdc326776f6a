#ifndef WEFT_CSTACKBOUNDS_H
#define WEFT_CSTACKBOUNDS_H

#include <stdint.h>

/// The lowest address of the calling thread's stack, or 0 when the platform does not tell.
/// (Swift's Glibc module does not export pthread_getattr_np, which needs _GNU_SOURCE.)
uintptr_t weft_stack_lowest_address(void);

#endif
