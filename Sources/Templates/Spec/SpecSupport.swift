// Shared pieces of the spec types: the API version, a string coding key, and enums that reject unknown values with
// the list of allowed ones.

/// Argo's API group and version.
public enum ArgoAPI {
    public static let version = "argoproj.io/v1alpha1"
}

/// A coding key spelled as a string literal; used where one keyed container serves an embedding type and the
/// type it embeds (Go's inline structs).
struct SpecKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

/// A closed set of string values (Argo's phases and node types). Decoding an unknown value is an error that names
/// the value and lists the allowed ones; it never traps.
public protocol ArgoEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible
where RawValue == String {}

extension ArgoEnum {
    /// The allowed values, quoted and comma-separated, for error messages.
    public static var allowedValues: String {
        allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "unknown \(Self.self) \"\(raw)\": must be one of \(Self.allowedValues)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
