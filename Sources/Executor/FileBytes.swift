#if canImport(Glibc)
import Glibc
#endif

/// Reads whole files with `open` / `read`: setting up `FileManager.default` cost more than a pod's reads of its
/// output parameter files (measured on the executor's start path).
package enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read (as `FileManager.contents(atPath:)`).
    package static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        let sizeHint = fstat(fd, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
        // One byte more than the size, so a regular file usually ends in two reads; files that report no size
        // (or grow) take more.
        let bufferSize = max(4096, sizeHint + 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint)
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, bufferSize)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}
