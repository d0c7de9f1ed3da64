import CNcursesw
import Screen
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// ncurses drawing of a rendered frame, headless (`newterm` on a temporary file instead of a tty):
/// the file's growth is exactly what the terminal would have been sent.
final class HeadlessScreen {
    let backend: NcursesBackend
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let keyWriter: Int32

    init(width: Int32, height: Int32) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0, let output = tmpfile(), let input = fdopen(fds[0], "r") else {
            throw BenchError("cannot open a headless screen")
        }
        self.output = output
        self.input = input
        keyWriter = fds[1]
        backend = try NcursesBackend(theme: .default, output: output, input: input,
                                     options: .init(terminalType: "xterm-256color", locale: "C.UTF-8"))
        resizeterm(height, width)
        backend.refreshSize()
        _ = backend.readKeys()
    }

    /// Bytes ncurses has written so far.
    var bytesWritten: Int {
        fflush(output)
        return Int(ftell(output))
    }

    deinit {
        backend.close()
        fclose(output)
        fclose(input)
        close(keyWriter)
    }
}
