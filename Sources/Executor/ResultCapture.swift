/// Keeps the tail of a command's standard output for `outputs.result`, as Argo's executor does: the whole
/// stdout minus ONE trailing newline, and of that only the last 256 KiB.
public struct ResultCapture: Sendable {
    public static let maxResultBytes = 256 * 1024
    /// Bytes kept: one more than the limit, so the trailing-newline rule still sees the real last byte.
    private static let keep = maxResultBytes + 1
    private var buffer: [UInt8] = []
    public private(set) var totalBytes = 0

    public init() {}

    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        totalBytes += bytes.count
        if bytes.count >= Self.keep {
            buffer = Array(bytes.suffix(Self.keep))
            return
        }
        buffer.append(contentsOf: bytes)
        // Compact lazily (at twice the window) so appends stay amortised O(1).
        if buffer.count > 2 * Self.keep { buffer.removeFirst(buffer.count - Self.keep) }
    }

    /// The `outputs.result` value.
    public var result: String {
        var tail = buffer.suffix(Self.keep)
        if tail.last == UInt8(ascii: "\n") { tail.removeLast() }
        return String(decoding: tail.suffix(Self.maxResultBytes), as: UTF8.self)
    }

    /// Whether the result lost its beginning to the 256 KiB limit.
    public var truncated: Bool {
        let length = totalBytes - (buffer.last == UInt8(ascii: "\n") ? 1 : 0)
        return length > Self.maxResultBytes
    }
}
