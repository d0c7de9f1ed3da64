import Foundation

/// Everything a pipe (or file) gives until EOF, retrying reads that a signal interrupted.
/// Foundation's `FileHandle.readDataToEndOfFile()` crashes the whole test process (`try!`) when a
/// read fails with EINTR, which happens under load while child processes come and go.
public func readToEndRetryingInterrupts(_ handle: FileHandle) -> Data {
    let fd = handle.fileDescriptor
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            data.append(contentsOf: buffer[0..<n])
        } else if n < 0, errno == EINTR {
            continue
        } else {
            return data
        }
    }
}
