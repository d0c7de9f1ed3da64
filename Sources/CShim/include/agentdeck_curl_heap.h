#ifndef AGENTDECK_CURL_HEAP_H
#define AGENTDECK_CURL_HEAP_H
#include <stddef.h>

// libcurl's allocation functions (curl_global_init_mem): blocks of at least
// AGENTDECK_CURL_MAPPED_MIN bytes get their own mapping, given back to the system when freed;
// smaller ones come from malloc. Why: a burst of 1,000 streams made libcurl hold ~19 MB at once
// on the network thread (a 16 KB receive buffer and the handle per transfer), which grew that
// thread's malloc arena to its peak; the small blocks that lived on (ours and libcurl's) then
// kept the arena from shrinking. Mapped, those buffers never enter the arena. The smaller blocks
// come from a pool of 16 KB slabs of one size class each, mapped for libcurl alone (curl_heap.c):
// the ones libcurl keeps long no longer pin pages of that arena either.
#define AGENTDECK_CURL_MAPPED_MIN 4096

void *agentdeck_curl_malloc(size_t size);
void agentdeck_curl_free(void *pointer);
void *agentdeck_curl_realloc(void *pointer, size_t size);
char *agentdeck_curl_strdup(const char *string);
void *agentdeck_curl_calloc(size_t count, size_t size);

// Unmaps the freed mappings kept for reuse (any thread; the dashboard's heap trims call it).
void agentdeck_curl_release_spares(void);
// For tests: how many freed mappings are kept for reuse.
size_t agentdeck_curl_spare_count(void);
// For tests: how many of them have this length (a mapping's length: the block's size and header,
// rounded up to pages).
size_t agentdeck_curl_spare_count_of_length(size_t length);

// For tests: whether a block from these functions has its own mapping.
int agentdeck_curl_block_is_mapped(const void *pointer);
// For tests and measurements: bytes currently mapped by these functions (spares included).
size_t agentdeck_curl_mapped_bytes(void);
// For tests and measurements: slabs the small-block pool has mapped (16 KB each).
size_t agentdeck_curl_pool_slab_count(void);
#endif
