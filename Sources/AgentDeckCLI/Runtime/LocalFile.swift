import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The two ways the console writes files: a new file that must not replace anything, and an
/// atomic replace (a reader sees the old file or the new one, never half of one).
enum LocalFile {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case exists(String)
        case system(String, call: String, errno: Int32)
        case folder(String, reason: String)

        var description: String {
            switch self {
            case .exists(let path): "\(path) already exists"
            case .system(let path, let call, let code): "\(path): \(call): \(String(cString: strerror(code)))"
            case .folder(let path, let reason): "cannot create folder \(path): \(reason)"
            }
        }
    }

    /// Creates `path` with `bytes`; fails if anything (a file, a symlink) is already there.
    static func createNew(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .system(path, call: "open", errno: errno)
        }
        do {
            try writeAll(fd, bytes, path: path)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        close(fd)
    }

    /// Replaces `path` with `bytes` through a temporary file in the same folder and `rename`.
    static func replaceAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try createNew(temporary, bytes, mode: mode)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system(path, call: "rename", errno: code)
        }
    }

    /// Creates a folder and its parents (private to the user: they hold what agents sent).
    static func makeDirectory(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .folder(path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .system(path, call: "write", errno: errno)
            }
            offset += written
        }
        guard fsync(fd) == 0 || errno == EINVAL else { throw .system(path, call: "fsync", errno: errno) }
    }
}
