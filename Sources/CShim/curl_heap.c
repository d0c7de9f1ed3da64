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

#define HEADER 16
#define TAG_HEAP 0x6864636b68656170ULL    // "hdckheap"
#define TAG_MAPPED 0x6864636b6d617070ULL  // "hdckmapp"

typedef struct {
    size_t length;  // requested size (heap) or the mapping's length (mapped)
    uint64_t tag;
} block_header;

static _Atomic size_t mapped_bytes = 0;

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
    // A fresh mapping is zero already.
    if (block && total < AGENTDECK_CURL_MAPPED_MIN) memset(block, 0, total);
    return block;
}

int agentdeck_curl_block_is_mapped(const void *pointer) {
    return pointer && header_of(pointer)->tag == TAG_MAPPED;
}

size_t agentdeck_curl_mapped_bytes(void) {
    return atomic_load(&mapped_bytes);
}
