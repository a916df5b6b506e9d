import Controller
import Foundation

/// Reading one manifest file's text for every command that takes files (`submit`, `lint`, `template`/
/// `cluster-template`/`cron` create, update and lint, `apply -f`), so that a bad file is named with its real
/// problem, worded as Go's `os.ReadFile` words it where argo would:
/// - `open FILE: no such file or directory`, `open FILE: permission denied` (the system's reason, lower-cased);
/// - `read FILE: is a directory`;
/// - `FILE: not UTF-8 text at byte N` (N: the 0-based offset of the first byte that is not valid UTF-8).
/// YAML syntax is the parser's to report (`FILE:LINE:COL: message`), after this.
enum ManifestFile {
    /// The text of `path`; `-` reads standard input.
    static func read(_ path: String) throws(CLIError) -> String {
        let bytes = path == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : try contents(of: path)
        return try text(bytes, file: path)
    }

    /// `bytes` as text, or why they are not UTF-8.
    static func text(_ bytes: [UInt8], file: String) throws(CLIError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        throw CLIError("\(file): not UTF-8 text at byte \(firstInvalidUTF8(bytes) ?? 0)")
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong forms,
    /// surrogates and values past U+10FFFF included), or nil when all of them do.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var decoder = Unicode.UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The bytes of a regular file (or anything `read(2)` can read, a FIFO included).
    static func contents(of path: String) throws(CLIError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path, errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw failure("read", path, EISDIR) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("read", path, errno)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Go's `*PathError` text: `OP PATH: reason`, the reason as the system says it, lower-cased as Go's are.
    static func failure(_ op: String, _ path: String, _ code: Int32) -> CLIError {
        let reason = String(cString: strerror(code))
        return CLIError("\(op) \(path): \(reason.prefix(1).lowercased() + reason.dropFirst())")
    }
}
