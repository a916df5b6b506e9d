import Foundation
import Testing

@testable import Templates

@Suite struct SpecKubeTimeTests {
    static let parsed: [(String, Int64)] = [
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2026-11-22T12:00:00Z", 1_795_348_800),
        ("2000-02-29T23:59:59Z", 951_868_799),
        ("1600-03-01T00:00:00Z", -11_670_912_000),
        ("0001-01-01T00:00:00Z", -62_135_596_800),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
        ("2026-11-22T12:00:00.999999Z", 1_795_348_800),
        ("2026-11-22T12:00:00.5+00:00", 1_795_348_800),
        ("2026-11-22T14:00:00+02:00", 1_795_348_800),
        ("2026-11-22T07:30:00-04:30", 1_795_348_800),
        ("2026-11-22t12:00:00z", 1_795_348_800),
    ]

    @Test(arguments: parsed)
    func parses(text: String, seconds: Int64) {
        #expect(KubeTime(rfc3339: text)?.seconds == seconds)
    }

    static let formatted: [(Int64, String)] = [
        (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (1_795_348_800, "2026-11-22T12:00:00Z"),
        (951_868_799, "2000-02-29T23:59:59Z"), (951_868_800, "2000-03-01T00:00:00Z"),
        (-11_670_912_000, "1600-03-01T00:00:00Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
    ]

    @Test(arguments: formatted)
    func formats(seconds: Int64, text: String) {
        #expect(KubeTime(seconds: seconds).rfc3339 == text)
        #expect(KubeTime(rfc3339: text)?.seconds == seconds)
    }

    @Test(arguments: [
        "", "2026-11-22", "2026-11-22T12:00:00", "2026-11-22 12:00:00Z", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T12:60:00Z",
        "2026-11-22T12:00:60Z", "2026-11-22T12:00:00.Z", "2026-11-22T12:00:00+0200", "2026-11-22T12:00:00Zjunk",
        "２026-11-22T12:00:00Z",
    ])
    func rejects(text: String) {
        #expect(KubeTime(rfc3339: text) == nil)
    }

    @Test func arithmeticAndOrder() throws {
        let t = try #require(KubeTime(year: 2026, month: 11, day: 22, hour: 12))
        #expect((t + 90).rfc3339 == "2026-11-22T12:01:30Z")
        #expect((t - 86_400).rfc3339 == "2026-11-21T12:00:00Z")
        #expect((t + 3600) - t == 3600)
        #expect(t < t + 1)
        #expect([t + 2, t, t + 1].sorted() == [t, t + 1, t + 2])
        #expect(KubeTime(year: 2026, month: 2, day: 29) == nil)
    }

    @Test func codesAsAJSONString() throws {
        let t = KubeTime(seconds: 1_795_348_800)
        #expect(String(decoding: try JSONEncoder().encode([t]), as: UTF8.self) == #"["2026-11-22T12:00:00Z"]"#)
        let back = try JSONDecoder().decode([KubeTime].self, from: Data(#"["2026-11-22T13:00:00+01:00"]"#.utf8))
        #expect(back == [t])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([KubeTime].self, from: Data(#"["yesterday"]"#.utf8))
        }
    }
}
