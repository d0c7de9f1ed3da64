import CShim
import Glibc

/// Wakes the network thread from its wait (an eventfd in the loop's epoll set). Any thread may
/// `signal`; the network thread `drain`s it when woken. Several signals before a drain wake the
/// thread once.
final class WakeSignal: Sendable {
    let fd: Int32

    init?() {
        let fd = agentdeck_eventfd_create()
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    func signal() {
        _ = agentdeck_eventfd_signal(fd)
    }

    func drain() {
        agentdeck_eventfd_drain(fd)
    }
}
