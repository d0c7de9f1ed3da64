// libcurl's allocator (see agentdeck_curl_heap.h). Every block carries a 16-byte header in front
// of what libcurl sees: how the block was made and its size, so free/realloc know where it
// goes back. 16 bytes keep malloc's alignment.
#include "agentdeck_curl_heap.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdatomic.h>
#include <pthread.h>

#define HEADER 16
#define TAG_HEAP 0x6864636b68656170ULL    // "hdckheap"
#define TAG_MAPPED 0x6864636b6d617070ULL  // "hdckmapp"

typedef struct {
    size_t length;  // requested size (heap) or the mapping's length (mapped)
    uint64_t tag;
} block_header;

static _Atomic size_t mapped_bytes = 0;

// Freed mappings kept for the next block of the same length: libcurl 7.88 allocates a transfer's
// 16 KB receive buffer when it starts and frees it when it ends, so without these an idle console
// paid an mmap, a munmap and their page faults per card poll. At most MAX_SPARES are kept (a
// round of polls for 256 agents: ~5 MB at most); beyond, a freed mapping is unmapped, so a
// burst's thousand buffers go back to the system. The dashboard's heap trims release them
// (agentdeck_curl_release_spares; rare once a console is quiet: the next poll round maps again).
#define MAX_SPARES 256
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static block_header *spares[MAX_SPARES];
static int spare_count = 0;

static block_header *take_spare(size_t length) {
    block_header *found = NULL;
    pthread_mutex_lock(&spare_lock);
    for (int i = spare_count - 1; i >= 0; i--) {
        if (spares[i]->length == length) {
            found = spares[i];
            spares[i] = spares[--spare_count];
            break;
        }
    }
    pthread_mutex_unlock(&spare_lock);
    return found;
}

static int keep_spare(block_header *header) {
    int kept = 0;
    pthread_mutex_lock(&spare_lock);
    if (spare_count < MAX_SPARES) {
        spares[spare_count++] = header;
        kept = 1;
    }
    pthread_mutex_unlock(&spare_lock);
    return kept;
}

void agentdeck_curl_release_spares(void) {
    block_header *taken[MAX_SPARES];
    pthread_mutex_lock(&spare_lock);
    int count = spare_count;
    memcpy(taken, spares, sizeof(block_header *) * (size_t)count);
    spare_count = 0;
    pthread_mutex_unlock(&spare_lock);
    for (int i = 0; i < count; i++) {
        atomic_fetch_sub(&mapped_bytes, taken[i]->length);
        munmap(taken[i], taken[i]->length);
    }
}

size_t agentdeck_curl_spare_count(void) {
    pthread_mutex_lock(&spare_lock);
    size_t count = (size_t)spare_count;
    pthread_mutex_unlock(&spare_lock);
    return count;
}

static size_t page_rounded(size_t length) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (length + page - 1) / page * page;
}

static void *from_header(block_header *header) { return (char *)header + HEADER; }
static block_header *header_of(const void *pointer) { return (block_header *)((char *)pointer - HEADER); }

void *agentdeck_curl_malloc(size_t size) {
    if (size > SIZE_MAX - HEADER - 4096) return NULL;
    if (size >= AGENTDECK_CURL_MAPPED_MIN) {
        size_t length = page_rounded(size + HEADER);
        block_header *spare = take_spare(length);
        if (spare) {
            spare->tag = TAG_MAPPED;
            return from_header(spare);
        }
        void *mapping = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapping == MAP_FAILED) return NULL;
        block_header *header = mapping;
        header->length = length;
        header->tag = TAG_MAPPED;
        atomic_fetch_add(&mapped_bytes, length);
        return from_header(header);
    }
    block_header *header = malloc(size + HEADER);
    if (!header) return NULL;
    header->length = size;
    header->tag = TAG_HEAP;
    return from_header(header);
}

void agentdeck_curl_free(void *pointer) {
    if (!pointer) return;
    block_header *header = header_of(pointer);
    if (header->tag == TAG_MAPPED) {
        size_t length = header->length;
        header->tag = 0;
        if (keep_spare(header)) return;
        atomic_fetch_sub(&mapped_bytes, length);
        munmap(header, length);
    } else if (header->tag == TAG_HEAP) {
        header->tag = 0;
        free(header);
    } else {
        // Not one of ours (memory a system call made and libcurl releases): the C library's.
        free(pointer);
    }
}

static size_t usable(const block_header *header) {
    return header->tag == TAG_MAPPED ? header->length - HEADER : header->length;
}

void *agentdeck_curl_realloc(void *pointer, size_t size) {
    if (!pointer) return agentdeck_curl_malloc(size);
    block_header *header = header_of(pointer);
    if (header->tag != TAG_MAPPED && header->tag != TAG_HEAP) return realloc(pointer, size);
    if (size == 0) {
        agentdeck_curl_free(pointer);
        return NULL;
    }
    int wants_mapping = size >= AGENTDECK_CURL_MAPPED_MIN;
    if (header->tag == TAG_HEAP && !wants_mapping) {
        block_header *moved = realloc(header, size + HEADER);
        if (!moved) return NULL;
        moved->length = size;
        return from_header(moved);
    }
    // A mapping already large enough stays (a buffer that shrinks keeps its pages: rare).
    if (header->tag == TAG_MAPPED && wants_mapping && size <= usable(header)) return pointer;
    void *fresh = agentdeck_curl_malloc(size);
    if (!fresh) return NULL;
    size_t keep = usable(header) < size ? usable(header) : size;
    memcpy(fresh, pointer, keep);
    agentdeck_curl_free(pointer);
    return fresh;
}

char *agentdeck_curl_strdup(const char *string) {
    size_t length = strlen(string) + 1;
    char *copy = agentdeck_curl_malloc(length);
    if (copy) memcpy(copy, string, length);
    return copy;
}

void *agentdeck_curl_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    size_t total = count * size;
    void *block = agentdeck_curl_malloc(total);
    // Zeroed whatever its kind: a mapping may be a reused spare (a fresh one is zero already,
    // but cannot be told apart here; libcurl callocs a handle, not a buffer per transfer).
    if (block) memset(block, 0, total);
    return block;
}

int agentdeck_curl_block_is_mapped(const void *pointer) {
    return pointer && header_of(pointer)->tag == TAG_MAPPED;
}

size_t agentdeck_curl_mapped_bytes(void) {
    return atomic_load(&mapped_bytes);
}
