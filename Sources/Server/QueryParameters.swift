import Foundation

/// A request's query string decoded as Go's `url.ParseQuery` does (`+` is a space, `%XX` escapes in keys and
/// values), with grpc-gateway's typed reads: booleans as `strconv.ParseBool`, integers as `strconv.ParseInt`.
public struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ rawQuery: String) {
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value of `name`; empty when absent (a proto3 string's zero value).
    public subscript(_ name: String) -> String { values[name]?.first ?? "" }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    public func has(_ name: String) -> Bool { values[name] != nil }

    /// Go's `strconv.ParseBool`: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False; absent is false.
    public func bool(_ name: String) throws(APIError) -> Bool {
        guard let text = values[name]?.first else { return false }
        guard let value = Self.parseBool(text) else {
            throw .invalid("type mismatch, parameter: \(name), error: strconv.ParseBool: parsing \(Self.goQuote(text)): invalid syntax")
        }
        return value
    }

    public static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }

    /// An int64 parameter (`listOptions.limit`); absent is nil.
    public func int64(_ name: String) throws(APIError) -> Int64? {
        guard let text = values[name]?.first else { return nil }
        guard let value = Int64(text) else {
            throw .invalid("type mismatch, parameter: \(name), error: strconv.ParseInt: parsing \(Self.goQuote(text)): invalid syntax")
        }
        return value
    }

    static func goQuote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
