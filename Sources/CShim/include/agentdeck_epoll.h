#ifndef AGENTDECK_EPOLL_H
#define AGENTDECK_EPOLL_H
// epoll and eventfd for Wire's network loop. Swift's Glibc module exports neither
// <sys/epoll.h> nor <sys/eventfd.h>, and `struct epoll_event` is packed: these wrappers take
// and return plain ints instead.
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

// Readiness as reported by agentdeck_epoll_wait (bits of `readiness[i]`).
#define AGENTDECK_READY_READ 1
#define AGENTDECK_READY_WRITE 2

// A new epoll set (close-on-exec); -1 with errno on failure.
static inline int agentdeck_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

// Adds fd to the set (add != 0) or changes what it is watched for; 0 or -1 with errno
// (ENOENT: not in the set, EEXIST: already in it).
static inline int agentdeck_epoll_watch(int epfd, int fd, int add, int readable, int writable) {
    struct epoll_event event = {0};
    event.events = (readable ? EPOLLIN : 0) | (writable ? EPOLLOUT : 0);
    event.data.fd = fd;
    return epoll_ctl(epfd, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

// Removes fd from the set; 0 or -1 with errno (ENOENT/EBADF when it was closed already).
static inline int agentdeck_epoll_unwatch(int epfd, int fd) {
    struct epoll_event unused = {0};
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &unused);
}

// Waits up to timeout_ms (-1: forever) for at most `capacity` (<= 256) ready fds; fills fds and
// readiness (AGENTDECK_READY_* bits). A hang-up or error counts as readable (and an error as
// writable too), so the owner of the socket performs the I/O that reports what happened.
// Returns the count, 0 on timeout or EINTR, -1 with errno on other errors.
static inline int agentdeck_epoll_wait(int epfd, int *fds, int *readiness, int capacity, int timeout_ms) {
    struct epoll_event events[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epfd, events, capacity, timeout_ms);
    if (count < 0) return errno == EINTR ? 0 : -1;
    for (int i = 0; i < count; i++) {
        uint32_t e = events[i].events;
        fds[i] = events[i].data.fd;
        readiness[i] = ((e & (EPOLLIN | EPOLLHUP | EPOLLRDHUP | EPOLLERR)) ? AGENTDECK_READY_READ : 0)
            | ((e & (EPOLLOUT | EPOLLERR)) ? AGENTDECK_READY_WRITE : 0);
    }
    return count;
}

// A non-blocking, close-on-exec eventfd (a counter other threads can bump to wake a waiter).
static inline int agentdeck_eventfd_create(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

// Bumps the counter (async-signal- and thread-safe); 0 or -1 with errno.
static inline int agentdeck_eventfd_signal(int fd) {
    uint64_t one = 1;
    return write(fd, &one, sizeof one) == (ssize_t)sizeof one ? 0 : -1;
}

// Resets the counter to zero (after a wake-up).
static inline void agentdeck_eventfd_drain(int fd) {
    uint64_t value;
    (void)read(fd, &value, sizeof value);
}
#endif
