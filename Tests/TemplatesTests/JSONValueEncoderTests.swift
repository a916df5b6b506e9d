import Testing
@testable import Templates

@Suite struct JSONValueEncoderTests {
    struct Inner: Encodable, Equatable {
        var name: String
        var tags: [String]
    }

    struct Outer: Encodable {
        var zeta = "z"
        var alpha: Int? = 3
        var missing: String? = nil
        var ratio = 2.5
        var whole = 4.0
        var small: Float = 1.5
        var byte: UInt8 = 7
        var flag = true
        var inner = Inner(name: "n", tags: ["a", "b"])
        var list: [Inner] = [Inner(name: "m", tags: [])]
        var raw: JSONValue = ["k": [1, "two"]]
        var map: [String: Int] = ["only": 1]

        enum CodingKeys: String, CodingKey { case zeta, alpha, missing, ratio, whole, small, byte, flag, inner, list, raw, map, explicitNull }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(zeta, forKey: .zeta)
            try c.encodeIfPresent(alpha, forKey: .alpha)
            try c.encodeIfPresent(missing, forKey: .missing)
            try c.encode(ratio, forKey: .ratio)
            try c.encode(whole, forKey: .whole)
            try c.encode(small, forKey: .small)
            try c.encode(byte, forKey: .byte)
            try c.encode(flag, forKey: .flag)
            try c.encode(inner, forKey: .inner)
            try c.encode(list, forKey: .list)
            try c.encode(raw, forKey: .raw)
            try c.encode(map, forKey: .map)
            try c.encodeNil(forKey: .explicitNull)
        }
    }

    @Test func buildsTheSameJSONAsTheTextRoundTripInEncodingOrder() throws {
        let json = try JSONValue(encoding: Outer())
        let expected: JSONValue = [
            "zeta": "z", "alpha": 3, "ratio": 2.5, "whole": 4, "small": 1.5, "byte": 7, "flag": true,
            "inner": ["name": "n", "tags": ["a", "b"]],
            "list": [["name": "m", "tags": []]],
            "raw": ["k": [1, "two"]],
            "map": ["only": 1],
            "explicitNull": nil,
        ]
        #expect(json == expected)
        #expect(json.objectValue?.keys.elementsEqual(expected.objectValue!.keys) == true, "keys keep the encoding order")
        #expect(json.compactJSON == expected.compactJSON)
    }

    @Test(arguments: [
        (JSONValue.int(4), 4.0), (.double(0.5), 0.5), (.int(-3), -3.0), (.double(1e300), 1e300),
    ])
    func doublesAreNumbersAsPrintedJSONWouldParse(expected: JSONValue, value: Double) throws {
        #expect(try JSONValue(encoding: value) == expected)
        #expect(try JSONValue(encoding: [value]) == .array([expected]))
    }

    @Test func topLevelScalarsAndOptionals() throws {
        #expect(try JSONValue(encoding: "s") == .string("s"))
        #expect(try JSONValue(encoding: [1, 2]) == [1, 2])
        #expect(try JSONValue(encoding: Optional<Int>.none) == .null)
        #expect(try JSONValue(encoding: [String: [Int]]()) == .object([:]))
    }
}
