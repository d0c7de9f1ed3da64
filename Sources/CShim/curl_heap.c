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
#define TAG_POOLED 0x6864636b706f6f6cULL  // "hdckpool"

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

size_t agentdeck_curl_spare_count_of_length(size_t length) {
    size_t count = 0;
    pthread_mutex_lock(&spare_lock);
    for (int i = 0; i < spare_count; i++) if (spares[i]->length == length) count++;
    pthread_mutex_unlock(&spare_lock);
    return count;
}

size_t agentdeck_curl_spare_count(void) {
    pthread_mutex_lock(&spare_lock);
    size_t count = (size_t)spare_count;
    pthread_mutex_unlock(&spare_lock);
    return count;
}


// ---- The pool for libcurl's small blocks ----------------------------------------------------
// Blocks under AGENTDECK_CURL_MAPPED_MIN come from 16 KB slabs of one size class each, mapped
// for libcurl alone, instead of malloc. Why: libcurl keeps thousands of small blocks for as long
// as a handle or connection lives (options, header lists, connection and DNS cache entries) and
// makes as many per transfer; in the network thread's malloc arena the long-lived ones sat among
// that thread's transient buffers and kept ~3,000 of its pages resident after a burst
// (BENCHMARKS.md round 8, scripts/heap-walk.py). In the pool they share pages only with each
// other, and a slab whose blocks are all freed is unmapped.
// Small: a slab that one long-lived block keeps costs at most its four pages.
#define SLAB_SIZE 16384
#define SLAB_HEADER 64
static const uint32_t class_sizes[] = {
    32, 48, 64, 80, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024, 1280, 1536, 2048, 2560, 3072, 4112,
};
#define CLASS_COUNT (sizeof class_sizes / sizeof class_sizes[0])

typedef struct slab {
    struct slab *prev, *next;  // in its class's list of slabs with room, while it has room
    void *free_blocks;         // freed blocks, each holding the next one's address
    uint32_t block_size;
    uint32_t live;             // blocks handed out and not freed
    uint32_t carved;           // blocks ever carved from the slab (the rest is untouched)
    uint32_t capacity;
    uint32_t class_index;
    int has_room_listed;
} slab;

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static slab *with_room[CLASS_COUNT];
static _Atomic size_t pool_slabs = 0;

static int class_for(size_t total) {
    for (size_t i = 0; i < CLASS_COUNT; i++) if (total <= class_sizes[i]) return (int)i;
    return -1;
}

static void list_room(slab *s) {
    s->prev = NULL;
    s->next = with_room[s->class_index];
    if (s->next) s->next->prev = s;
    with_room[s->class_index] = s;
    s->has_room_listed = 1;
}

static void unlist_room(slab *s) {
    if (s->prev) s->prev->next = s->next; else with_room[s->class_index] = s->next;
    if (s->next) s->next->prev = s->prev;
    s->prev = s->next = NULL;
    s->has_room_listed = 0;
}

/// A new slab aligned to SLAB_SIZE (a block finds its slab by rounding its address down).
static slab *new_slab(int class_index) {
    char *area = mmap(NULL, 2 * SLAB_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) return NULL;
    uintptr_t start = ((uintptr_t)area + SLAB_SIZE - 1) & ~(uintptr_t)(SLAB_SIZE - 1);
    if ((char *)start > area) munmap(area, (size_t)((char *)start - area));
    char *end = area + 2 * SLAB_SIZE;
    if ((char *)start + SLAB_SIZE < end) munmap((char *)start + SLAB_SIZE, (size_t)(end - ((char *)start + SLAB_SIZE)));
    slab *s = (slab *)start;
    memset(s, 0, sizeof *s);
    s->block_size = class_sizes[class_index];
    s->capacity = (SLAB_SIZE - SLAB_HEADER) / s->block_size;
    s->class_index = (uint32_t)class_index;
    atomic_fetch_add(&pool_slabs, 1);
    return s;
}

static block_header *pool_take(size_t total) {
    int class_index = class_for(total);
    if (class_index < 0) return NULL;
    pthread_mutex_lock(&pool_lock);
    slab *s = with_room[class_index];
    if (!s) {
        s = new_slab(class_index);
        if (!s) {
            pthread_mutex_unlock(&pool_lock);
            return NULL;
        }
        list_room(s);
    }
    void *block;
    if (s->free_blocks) {
        block = s->free_blocks;
        s->free_blocks = *(void **)block;
    } else {
        block = (char *)s + SLAB_HEADER + (size_t)s->carved * s->block_size;
        s->carved++;
    }
    s->live++;
    if (s->live == s->capacity) unlist_room(s);
    pthread_mutex_unlock(&pool_lock);
    return block;
}

/// The slab a pooled block was carved from (slabs are aligned to their size).
static slab *slab_of(block_header *header) { return (slab *)((uintptr_t)header & ~(uintptr_t)(SLAB_SIZE - 1)); }

static void pool_give(block_header *header) {
    slab *s = slab_of(header);
    pthread_mutex_lock(&pool_lock);
    *(void **)header = s->free_blocks;
    s->free_blocks = header;
    s->live--;
    if (s->live == 0) {
        // Empty: given back, unless it is its class's only slab with room (the next block of that
        // size would map a new one at once).
        if (s->has_room_listed) unlist_room(s);
        if (with_room[s->class_index]) {
            pthread_mutex_unlock(&pool_lock);
            atomic_fetch_sub(&pool_slabs, 1);
            munmap(s, SLAB_SIZE);
            return;
        }
        list_room(s);
    } else if (!s->has_room_listed) {
        list_room(s);
    }
    pthread_mutex_unlock(&pool_lock);
}

size_t agentdeck_curl_pool_slab_count(void) { return atomic_load(&pool_slabs); }

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
    block_header *header = pool_take(size + HEADER);
    if (header) {
        header->length = size;
        header->tag = TAG_POOLED;
        return from_header(header);
    }
    header = malloc(size + HEADER);
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
    } else if (header->tag == TAG_POOLED) {
        header->tag = 0;
        pool_give(header);
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
    if (header->tag != TAG_MAPPED && header->tag != TAG_HEAP && header->tag != TAG_POOLED) return realloc(pointer, size);
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
    // A pooled block whose class still fits keeps its place (its size is the class's).
    if (header->tag == TAG_POOLED && !wants_mapping && class_for(size + HEADER) == (int)slab_of(header)->class_index) {
        header->length = size;
        return pointer;
    }
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
