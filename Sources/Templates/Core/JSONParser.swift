/// Parses JSON text into a `JSONValue`, keeping the order of object keys (Foundation's decoders do not). The
/// local store reads every body back with it, so it works on UTF-8 bytes directly. Integers that fit `Int64` stay
/// `.int` unless `goNumbers` asks for Go's `json.Unmarshal` into `interface{}` (every number a float64, as
/// `fromJSON`, `jsonpath` and sprig's `fromJson` see them). Nesting is bounded so hostile input cannot overflow
/// the stack.
public struct JSONParser {
    public struct Failure: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        public var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    static let maxDepth = 512

    public static func parse(_ text: String, goNumbers: Bool = false) throws(Failure) -> JSONValue {
        var text = text
        let result = text.withUTF8 { bytes -> Result<JSONValue, Failure> in
            var p = JSONParser(bytes: bytes, goNumbers: goNumbers)
            do throws(Failure) {
                p.skipSpace()
                let value = try p.value(depth: 0)
                p.skipSpace()
                guard p.pos == bytes.count else { throw Failure(message: "trailing characters", offset: p.pos) }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let goNumbers: Bool
    private var pos = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, goNumbers: Bool) {
        self.bytes = bytes
        self.goNumbers = goNumbers
    }

    private func fail(_ message: String) -> Failure { Failure(message: message, offset: pos) }

    private var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 }
    }

    private mutating func expect(_ literal: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let n = literal.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw fail("unexpected end") }
        let lit = UnsafeBufferPointer(start: literal.utf8Start, count: n)
        for i in 0..<n where bytes[pos + i] != lit[i] { throw fail("unexpected character") }
        pos += n
        return value
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw fail("nested deeper than \(JSONParser.maxDepth)") }
        guard let c = peek else { throw fail("unexpected end") }
        switch c {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        pos += 1
        var out = JSONObject()
        skipSpace()
        if peek == UInt8(ascii: "}") { pos += 1; return .object(out) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let key = try string()
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
            pos += 1
            skipSpace()
            out[key] = try value(depth: depth + 1)
            skipSpace()
            guard let c = peek else { throw fail("unexpected end") }
            pos += 1
            if c == UInt8(ascii: "}") { return .object(out) }
            guard c == UInt8(ascii: ",") else { pos -= 1; throw fail("expected ',' or '}'") }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        pos += 1
        var out: [JSONValue] = []
        skipSpace()
        if peek == UInt8(ascii: "]") { pos += 1; return .array(out) }
        while true {
            skipSpace()
            out.append(try value(depth: depth + 1))
            skipSpace()
            guard let c = peek else { throw fail("unexpected end") }
            pos += 1
            if c == UInt8(ascii: "]") { return .array(out) }
            guard c == UInt8(ascii: ",") else { pos -= 1; throw fail("expected ',' or ']'") }
        }
    }

    private mutating func string() throws(Failure) -> String {
        pos += 1
        let start = pos
        // Fast path: no escapes.
        while let c = peek, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") { pos += 1 }
        guard let stop = peek else { throw fail("unterminated string") }
        if stop == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
            pos += 1
            return s
        }
        var scalars = Array(bytes[start..<pos])
        while true {
            guard let c = peek else { throw fail("unterminated string") }
            pos += 1
            if c == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
            if c != UInt8(ascii: "\\") { scalars.append(c); continue }
            guard let e = peek else { throw fail("unterminated escape") }
            pos += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(e)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), peek == UInt8(ascii: "\\"), pos + 1 < bytes.count,
                    bytes[pos + 1] == UInt8(ascii: "u")
                {
                    pos += 2
                    let low = try hex4()
                    code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                scalars.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
            default: throw fail("invalid escape")
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = pos
        var integral = true
        scan: while let c = peek {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): pos += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): integral = false; pos += 1
            default: break scan
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        if integral, !goNumbers, let i = Int64(text) { return .int(i) }
        if let d = Double(text), !text.isEmpty { return .double(d) }
        pos = start
        throw fail("unexpected character")
    }
}
